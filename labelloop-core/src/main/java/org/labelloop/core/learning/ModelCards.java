package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.labelloop.learn.automl.LeaderboardEntry;
import org.labelloop.learn.model.ModelCard;

/** A classifier's model card as the API shows it: the card, its search's leaderboard, the confusion matrix with its labels. */
final class ModelCards {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelCards() {}

  static ObjectNode json(ModelCard card, List<LeaderboardEntry> leaderboard, List<String> classes, String task) {
    ObjectNode out = JSON.valueToTree(card);
    out.set("leaderboard", JSON.valueToTree(leaderboard));
    if (card.cvConfusion() != null) {
      ObjectNode confusion = out.putObject("confusionMatrix");
      confusion.set("labels", JSON.valueToTree(classes));
      confusion.set("matrix", out.remove("cvConfusion"));
    }
    out.put("task", task);
    return out;
  }
}
