package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.AutoMlResult;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.model.TextModel;

/**
 * The one place core calls labelloop-learn: trains a text classifier on a snapshot with the learn module's AutoML
 * (time-boxed model search, calibrated probabilities) and returns class probabilities for the pool, the model bytes
 * and its card. If the learn module's API changes, only this class changes.
 *
 * <p>The label-independent n-gram counts of a project's texts are kept between retrains in a {@link FeatureCache}
 * (the asset set rarely changes between two retrains), so a retrain costs the vocabulary fits and the learners, not
 * tokenising every asset again. Ensembles are off: predicting 10,000 pool assets with one model keeps the loop within
 * its few-second target, and the gain of an ensemble on a growing labeled set is small.
 */
public final class TextModelTrainer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FOLDS = 5;

  private final Map<String, FeatureCache> caches =
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FeatureCache> eldest) {
          return size() > 2;
        }
      };

  /** A trained model: the classes (probability column order), pool probabilities, bytes and a model card. */
  public record Result(
      List<String> classes, double[][] poolProba, byte[] bytes, ObjectNode card, Double cvAccuracy, Double cvMacroF1) {}

  /**
   * @param cacheKey identifies {@code texts} (e.g. project id + asset id hash); equal keys must mean equal texts
   * @param texts every asset's text; rows below index into it
   * @param ids every asset's id (for the snapshot hash)
   * @param labeledRows rows with a label; {@code labels[i]} is the class name of {@code labeledRows[i]}
   * @param poolRows rows to predict
   */
  public synchronized Result train(String cacheKey, List<String> texts, List<String> ids, int[] labeledRows, String[] labels,
      int[] poolRows, long budgetMillis, long seed) {
    List<LabeledText> items = new ArrayList<>(labeledRows.length);
    for (int i = 0; i < labeledRows.length; i++) {
      items.add(LabeledText.of(ids.get(labeledRows[i]), texts.get(labeledRows[i]), labels[i]));
    }
    TextDataset data = new TextDataset(items);
    FeatureCache full = caches.get(cacheKey);
    if (full == null || full.size() != texts.size()) {
      full = new FeatureCache(texts, null);
      caches.put(cacheKey, full);
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    AutoMlConfig config = new AutoMlConfig(FOLDS, Duration.ofMillis(budgetMillis), seed, false, threads, AutoMlConfig.defaultSpace(false));
    AutoMlResult result = new AutoMl(config, Clock.systemUTC()).fit(data, full, labeledRows, Progress.NONE);
    TextModel model = result.model();
    double[][] all = model.predictProba(full);
    double[][] pool = new double[poolRows.length][];
    for (int i = 0; i < poolRows.length; i++) pool[i] = all[poolRows[i]];
    ObjectNode card = JSON.valueToTree(model.card());
    card.set("leaderboard", JSON.valueToTree(result.leaderboard()));
    if (model.card().cvConfusion() != null) {
      ObjectNode confusion = card.putObject("confusionMatrix");
      confusion.set("labels", JSON.valueToTree(model.classes()));
      confusion.set("matrix", card.remove("cvConfusion"));
    }
    card.put("task", "text-classification");
    return new Result(model.classes(), pool, model.save(), card, finite(model.card().cvAccuracy()), finite(model.card().cvMacroF1()));
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
