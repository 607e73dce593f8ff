package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.Job;

/** A CLASSIFICATION job: AutoML text classifier, class distribution per pool asset, queue score by strategy. */
final class ClassificationTraining implements TaskTraining {
  private final TextModelTrainer trainer;

  ClassificationTraining(TextModelTrainer trainer) {
    this.trainer = trainer;
  }

  @Override
  public Outcome train(String projectId, Job job, List<AssetText> assets, List<HumanLabel> answers, LearningSettings settings, long seed) {
    Snapshot snapshot = Snapshot.of(assets, answers, job.id());
    if (snapshot.labeledCount() < settings.minLabels() || snapshot.classCount() < 2) {
      return new Skipped(snapshot.labeledCount() + " labeled assets in " + snapshot.classCount()
          + " classes; the first model needs " + settings.minLabels() + " in at least 2");
    }
    TextModelTrainer.Result model = trainer.train(
        projectId + ":" + snapshot.texts().size() + ":" + snapshot.assetIds().hashCode(),
        snapshot.texts(), snapshot.assetIds(), snapshot.labeledRows(), snapshot.labels(), snapshot.poolRows(),
        settings.timeBudgetSeconds() * 1000L, seed);
    double[] scores = Uncertainty.scores(settings.strategy(), model.poolProba(), seed);
    List<Prediction> predictions = new ArrayList<>(snapshot.poolRows().length);
    for (int i = 0; i < snapshot.poolRows().length; i++) {
      String assetId = snapshot.assetIds().get(snapshot.poolRows()[i]);
      predictions.add(new Prediction(assetId, response(job.id(), model.classes(), model.poolProba()[i]), scores[i]));
    }
    return new Trained(snapshot.labeledCount(), snapshot.maxLabelId(), snapshot.hash(), model.cvAccuracy(), model.cvMacroF1(),
        model.card(), model.bytes(), predictions);
  }

  /**
   * Kili's shape with the confidence in percent, plus the whole distribution:
   * {@code {"JOB_0": {"categories": [{"name": "SPAM", "confidence": 93}], "probabilities": {"HAM": 0.07, "SPAM": 0.93}}}}.
   */
  static JsonNode response(String jobId, List<String> classes, double[] p) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    int best = Uncertainty.argmax(p);
    ObjectNode job = f.objectNode();
    job.putArray("categories").addObject().put("name", classes.get(best)).put("confidence", (int) Math.round(100 * p[best]));
    ObjectNode dist = job.putObject("probabilities");
    for (int k = 0; k < classes.size(); k++) dist.put(classes.get(k), Math.round(p[k] * 10_000) / 10_000.0);
    ObjectNode root = f.objectNode();
    root.set(jobId, job);
    return root;
  }
}
