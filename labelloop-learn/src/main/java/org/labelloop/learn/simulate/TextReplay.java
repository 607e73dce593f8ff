package org.labelloop.learn.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.model.Model;
import org.labelloop.learn.strategy.Candidates;

/**
 * Text classification's side of a replay: trains on labeled pool texts with features from a shared
 * {@link FeatureCache} (pool texts followed by test texts, computed once), measures test accuracy and macro-F1, and
 * gives the strategy the unlabeled texts' class distributions (and their embeddings, for clustering strategies).
 */
public final class TextReplay implements Replay {
  private final TextDataset pool;
  private final FeatureCache cache;
  private final Trainer trainer;
  private final List<String> classes;
  private final int[] testY;
  private final float[][] vectors;

  /** @param useVectors pass the cache's embeddings to strategies that cluster (diverse, cold start) */
  public TextReplay(TextDataset pool, TextDataset test, FeatureCache cache, Trainer trainer, boolean useVectors) {
    if (cache.size() != pool.size() + test.size()) throw new IllegalArgumentException("cache must hold pool + test");
    this.pool = pool;
    this.cache = cache;
    this.trainer = trainer;
    List<LabeledText> all = new ArrayList<>(pool.items());
    all.addAll(test.items());
    this.classes = new TextDataset(all).classes();
    this.testY = test.items().stream().mapToInt(t -> classes.indexOf(t.label())).toArray();
    this.vectors = useVectors ? cache.embeddings().toDense() : null;
  }

  @Override public int poolSize() { return pool.size(); }

  /**
   * {@code ece}: expected calibration error on the test set; {@code certain}: unlabeled pool and test items given a
   * class probability of exactly 1.0, which no model trained on a sample can honestly claim; {@code confidence}: mean
   * top-class probability on the test set (above the accuracy: overconfident, below: underconfident); {@code ece_floor}:
   * the ECE perfectly calibrated probabilities with these confidences would show on this test set (its sampling noise).
   */
  @Override public List<String> metrics() {
    return List.of("accuracy", "macro_f1", "ece", "certain", "confidence", "ece_floor");
  }

  @Override public String quality() { return "accuracy"; }

  @Override public Candidates unscored() {
    return Candidates.unscored(pool.size(), vectors == null ? null : Arrays.copyOf(vectors, pool.size()));
  }

  @Override public Round round(int[] labeled, int[] unlabeled) {
    double[][] proba = predict(pool.subset(labeled), labeled);
    double[][] testProba = Arrays.copyOfRange(proba, pool.size(), cache.size());
    Metrics m = Metrics.ofProba(testY, testProba, classes.size());
    double[][] candidates = IntStream.of(unlabeled).mapToObj(i -> proba[i]).toArray(double[][]::new);
    float[][] candidateVectors = vectors == null ? null : IntStream.of(unlabeled).mapToObj(i -> vectors[i]).toArray(float[][]::new);
    return new Round(Map.of("accuracy", m.accuracy(), "macro_f1", m.macroF1(), "ece", Calibration.ece(testProba, testY, 15),
        "certain", (double) Calibration.certain(proba, labeled), "confidence", Calibration.meanConfidence(testProba),
        "ece_floor", Calibration.eceFloor(testProba, 15)),
        Candidates.of(candidates).withVectors(candidateVectors));
  }

  /** Probabilities over {@code classes} for every cache row; a one-class training set predicts that class. */
  private double[][] predict(TextDataset train, int[] rows) {
    double[][] out = new double[cache.size()][classes.size()];
    if (train.classes().size() < 2) {
      int c = classes.indexOf(train.classes().get(0));
      for (double[] r : out) {
        Arrays.fill(r, 0.1 / classes.size());
        r[c] += 0.9;
      }
      return out;
    }
    Model model = trainer.train(train, cache, rows, unlabeledPool(rows));
    double[][] p = model.predictProba(cache);
    int[] map = model.classes().stream().mapToInt(classes::indexOf).toArray();
    for (int i = 0; i < p.length; i++) for (int c = 0; c < map.length; c++) out[i][map[c]] = p[i][c];
    return out;
  }
}
