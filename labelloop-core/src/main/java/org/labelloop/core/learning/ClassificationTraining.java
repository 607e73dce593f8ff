package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.Job;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.ItemUncertainty;

/**
 * A CLASSIFICATION job: AutoML text classifier (one-vs-rest multi-label for a checkbox job), class distribution per
 * pool asset, queue score by the project's strategy. The project's stored sentence embeddings, when every asset has
 * one, are offered to the trainer as features and to the strategy (diverse batches cluster on them).
 */
final class ClassificationTraining implements TaskTraining {
  private final TextModelTrainer trainer;
  private final EmbeddingRepository embeddings;

  ClassificationTraining(TextModelTrainer trainer, EmbeddingRepository embeddings) {
    this.trainer = trainer;
    this.embeddings = embeddings;
  }

  @Override
  public Outcome train(String projectId, Job job, List<AssetText> assets, List<HumanLabel> answers, LearningSettings settings, long seed) {
    Snapshot<Set<String>> snapshot = Snapshot.of(assets, answers, job.id(), TextModelTrainer.CATEGORIES);
    int classes = TextModelTrainer.classCount(snapshot);
    if (snapshot.labeledCount() < settings.minLabels() || classes < 2) {
      return new Skipped(snapshot.labeledCount() + " labeled assets in " + classes
          + " classes; the first model needs " + settings.minLabels() + " in at least 2");
    }
    StoredEmbeddings stored = StoredEmbeddings.of(embeddings, projectId, snapshot).orElse(null);
    String cacheKey = projectId + ":" + snapshot.texts().size() + ":" + snapshot.assetIds().hashCode() + ":"
        + (stored == null ? "sparse" : stored.model());
    TextModelTrainer.Result model = trainer.train(cacheKey, snapshot, job.multiple(), stored == null ? null : stored.embedder(),
        settings.timeBudgetSeconds() * 1000L, seed);
    double[][] proba = model.poolProba();
    ItemUncertainty uncertainty = model.thresholds() != null ? ItemUncertainty.thresholds(proba, model.thresholds())
        : ItemUncertainty.distributions(proba);
    float[][] vectors = stored == null ? null : stored.rows(snapshot.poolRows());
    double[] scores = QueueScores.of(settings, new Candidates(proba.length, uncertainty, proba, vectors), seed);
    List<Prediction> predictions = new ArrayList<>(snapshot.poolRows().length);
    for (int i = 0; i < snapshot.poolRows().length; i++) {
      String assetId = snapshot.assetIds().get(snapshot.poolRows()[i]);
      double[] p = model.poolProba()[i];
      predictions.add(new Prediction(assetId, response(job.id(), model.classes(), p, model.categories(p)), scores[i]));
    }
    return new Trained(snapshot.labeledCount(), snapshot.maxLabelId(), snapshot.hash(), model.cvAccuracy(), model.cvMacroF1(),
        model.card(), model.bytes(), predictions);
  }

  /**
   * Kili's shape with the confidence in percent, plus the whole distribution (for a multi-label model, each class's
   * own probability):
   * {@code {"JOB_0": {"categories": [{"name": "SPAM", "confidence": 93}], "probabilities": {"HAM": 0.07, "SPAM": 0.93}}}}.
   */
  static JsonNode response(String jobId, List<String> classes, double[] p, Set<String> categories) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode job = f.objectNode();
    ArrayNode answer = job.putArray("categories");
    for (String c : categories) {
      answer.addObject().put("name", c).put("confidence", (int) Math.round(100 * p[classes.indexOf(c)]));
    }
    ObjectNode dist = job.putObject("probabilities");
    for (int k = 0; k < classes.size(); k++) dist.put(classes.get(k), Math.round(p[k] * 10_000) / 10_000.0);
    ObjectNode root = f.objectNode();
    root.set(jobId, job);
    return root;
  }
}
