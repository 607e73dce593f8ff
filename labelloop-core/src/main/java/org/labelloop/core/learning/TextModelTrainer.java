package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.labelloop.learn.automl.Folds;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.ComplementNbLearner;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.LinearSvmLearner;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;

/**
 * The one place core calls labelloop-learn: trains a text classifier on a snapshot and returns calibrated class
 * probabilities for the pool. If the learn module's API changes, only this class changes.
 *
 * <p>A small time-boxed model search: candidate (features, learner) pairs, cheapest first, each scored by stratified
 * k-fold cross-validation (macro-F1); the first candidate always completes, later ones only within the budget. The
 * winner's out-of-fold scores fit a temperature (Guo et al. 2017) so that the probabilities that drive the queue and
 * the predictions' confidences are calibrated. The label-independent n-gram counts of a project's texts are cached
 * between retrains (the asset set rarely changes), so a retrain costs the vocabulary fit and the learner, not the
 * tokenising of every asset again.
 */
public final class TextModelTrainer {
  private static final int FOLDS = 5;

  /** Features + learner, cheapest first. */
  private static final List<Candidate> CANDIDATES = List.of(
      new Candidate(FeatureSpec.words(), new LinearSvmLearner(1)),
      new Candidate(FeatureSpec.words(), new ComplementNbLearner(0.3)),
      new Candidate(FeatureSpec.sparseDefault(), new LinearSvmLearner(1)),
      new Candidate(FeatureSpec.sparseDefault(), new LiblinearLrLearner(10)));

  private final Map<String, FeatureCache> caches =
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FeatureCache> eldest) {
          return size() > 2;
        }
      };

  record Candidate(FeatureSpec spec, Learner learner) {
    String name() {
      return spec.shortName() + "/" + learner.name();
    }
  }

  /** A trained model: the classes (probability column order), pool probabilities, bytes and a model card. */
  public record Result(
      List<String> classes, double[][] poolProba, byte[] bytes, ObjectNode card, double cvAccuracy, double cvMacroF1) {}

  /**
   * @param cacheKey identifies {@code texts} (e.g. project id + asset id hash); equal keys must mean equal texts
   * @param texts every asset's text; rows below index into it
   * @param labeledRows rows with a label; {@code labels[i]} is the class name of {@code labeledRows[i]}
   * @param poolRows rows to predict
   */
  public synchronized Result train(
      String cacheKey, List<String> texts, int[] labeledRows, String[] labels, int[] poolRows, long budgetMillis, long seed) {
    long start = System.nanoTime();
    long deadline = start + budgetMillis * 1_000_000L;
    List<String> classes = List.copyOf(new TreeSet<>(Arrays.asList(labels)));
    if (classes.size() < 2) {
      throw new IllegalArgumentException("need at least two classes");
    }
    int[] y = new int[labels.length];
    for (int i = 0; i < y.length; i++) y[i] = classes.indexOf(labels[i]);
    List<String> labeledTexts = new ArrayList<>(labeledRows.length);
    for (int r : labeledRows) labeledTexts.add(texts.get(r));
    FeatureCache cvCache = new FeatureCache(labeledTexts, null);
    Folds folds = Folds.stratified(labeledTexts, y, classes.size(), FOLDS, seed);

    ArrayNode tried = JsonNodeFactory.instance.arrayNode();
    Candidate best = null;
    Metrics bestMetrics = null;
    double[][] bestOof = null;
    for (Candidate c : CANDIDATES) {
      if (best != null && System.nanoTime() > deadline) break;
      double[][] oof = crossValidate(c, cvCache, y, classes.size(), folds, best == null ? Long.MAX_VALUE : deadline);
      if (oof == null) break; // out of time mid-way
      Metrics m = Metrics.ofProba(y, oof, classes.size());
      tried.addObject().put("config", c.name()).put("cvAccuracy", m.accuracy()).put("cvMacroF1", m.macroF1());
      if (bestMetrics == null || m.macroF1() > bestMetrics.macroF1() + 1e-9) {
        best = c;
        bestMetrics = m;
        bestOof = oof;
      }
    }
    double temperature = Calibration.fitTemperature(bestOof, y);

    FeatureCache full = caches.computeIfAbsent(cacheKey, k -> new FeatureCache(texts, null));
    if (full.size() != texts.size()) {
      full = new FeatureCache(texts, null);
      caches.put(cacheKey, full);
    }
    Featurizer featurizer = Featurizer.fit(best.spec(), full, labeledRows);
    SparseMatrix x = featurizer.transform(full);
    Scorer scorer = best.learner().fit(x.rows(labeledRows), y, classes.size());
    double[][] poolProba = Calibration.softmax(scorer.scores(x.rows(poolRows)), temperature);
    double seconds = (System.nanoTime() - start) / 1e9;

    ObjectNode card = JsonNodeFactory.instance.objectNode();
    card.put("task", "text-classification");
    card.put("config", best.name());
    card.put("features", best.spec().shortName());
    card.put("learner", best.learner().name());
    card.put("temperature", temperature);
    card.put("seed", seed);
    card.put("folds", folds.k());
    card.put("budgetSeconds", budgetMillis / 1000.0);
    card.put("searchSeconds", seconds);
    card.set("classes", JsonNodeFactory.instance.arrayNode().addAll(classes.stream().map(JsonNodeFactory.instance::textNode).toList()));
    card.put("trainingExamples", labeledRows.length);
    card.set("candidates", tried);
    card.put("library", "labelloop-learn " + version());
    card.put("java", Runtime.version().toString());
    return new Result(classes, poolProba, serialise(new Stored(featurizer, scorer, classes, temperature)), card, bestMetrics.accuracy(), bestMetrics.macroF1());
  }

  /** Out-of-fold scores, or null when the deadline passes first. */
  private static double[][] crossValidate(Candidate c, FeatureCache cache, int[] y, int k, Folds folds, long deadline) {
    double[][] oof = new double[y.length][];
    for (int f = 0; f < folds.k(); f++) {
      if (System.nanoTime() > deadline) return null;
      int[] train = folds.train(f);
      int[] test = folds.test(f);
      if (test.length == 0) continue;
      Featurizer fz = Featurizer.fit(c.spec(), cache, train);
      SparseMatrix x = fz.transform(cache);
      int[] yTrain = new int[train.length];
      for (int i = 0; i < train.length; i++) yTrain[i] = y[train[i]];
      double[][] s = c.learner().fit(x.rows(train), yTrain, k).scores(x.rows(test));
      for (int i = 0; i < test.length; i++) oof[test[i]] = s[i];
    }
    return oof;
  }

  /** What the model bytes hold: enough to predict again (the featurizer, the learner's scorer, classes, temperature). */
  record Stored(Featurizer featurizer, Scorer scorer, List<String> classes, double temperature) implements Serializable {}

  private static byte[] serialise(Stored stored) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(stored);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise the model", e);
    }
    return bytes.toByteArray();
  }

  private static String version() {
    String v = Featurizer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
