package org.labelloop.learn.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.model.Model;
import org.labelloop.learn.sampling.Candidates;
import org.labelloop.learn.sampling.Sampler;

/**
 * Offline replay of active learning on a fully labeled pool, in the spirit of Caffeine's cache simulator: the same
 * split and initial labels go through each pluggable strategy; each round trains, measures test quality, lets the
 * strategy pick a batch from the unlabeled pool and reveals those labels. Features of pool and test texts are
 * computed once in a shared {@link FeatureCache}.
 */
public final class Simulator {
  private final Trainer trainer;

  public Simulator(Trainer trainer) { this.trainer = trainer; }

  /**
   * Runs every strategy and repeat. {@code cache} holds the pool texts followed by the test texts.
   *
   * @param useVectors pass the cache's embeddings to samplers that cluster (diverse, cold start)
   */
  public List<CurvePoint> run(TextDataset pool, TextDataset test, FeatureCache cache, SimulationConfig config,
      boolean useVectors, Progress progress) {
    if (cache.size() != pool.size() + test.size()) throw new IllegalArgumentException("cache must hold pool + test");
    List<String> classes = new TextDataset(concat(pool, test)).classes();
    int[] testRows = java.util.stream.IntStream.range(pool.size(), cache.size()).toArray();
    int[] testY = test.items().stream().mapToInt(t -> classes.indexOf(t.label())).toArray();
    float[][] vectors = useVectors ? cache.embeddings().toDense() : null;
    int budget = Math.min(config.budget(), pool.size());
    int rounds = 1 + (int) Math.ceil((budget - Math.min(config.initial(), budget)) / (double) config.batch());
    int totalSteps = rounds * config.strategies().size() * config.repeats();
    int[] step = {0};
    List<CurvePoint> points = new ArrayList<>();
    for (int rep = 0; rep < config.repeats(); rep++) {
      SplittableRandom seedRandom = new SplittableRandom(config.seed() + 1000L * rep);
      int[] initial = firstK(permutation(pool.size(), seedRandom), Math.min(config.initial(), budget));
      for (String strategy : config.strategies()) {
        Sampler sampler = Sampler.named(strategy);
        java.util.random.RandomGenerator rnd = new SplittableRandom(config.seed() * 31 + rep);
        boolean[] labeled = new boolean[pool.size()];
        List<Integer> order = new ArrayList<>();
        for (int i : initial) { labeled[i] = true; order.add(i); }
        while (true) {
          int[] rows = order.stream().mapToInt(Integer::intValue).toArray();
          TextDataset train = pool.subset(rows);
          double[][] proba = predict(train, cache, rows, classes);
          double[][] testProba = Arrays.copyOfRange(proba, pool.size(), cache.size());
          Metrics m = Metrics.ofProba(testY, testProba, classes.size());
          points.add(new CurvePoint(strategy, rep, rows.length, m.accuracy(), m.macroF1(),
              Calibration.ece(testProba, testY, 15), certain(proba, labeled)));
          progress.update(++step[0], totalSteps, strategy + " " + rows.length + " labels");
          if (rows.length >= budget) break;
          int[] unl = java.util.stream.IntStream.range(0, pool.size()).filter(i -> !labeled[i]).toArray();
          double[][] candProba = new double[unl.length][];
          float[][] candVec = vectors == null ? null : new float[unl.length][];
          for (int i = 0; i < unl.length; i++) {
            candProba[i] = proba[unl[i]];
            if (candVec != null) candVec[i] = vectors[unl[i]];
          }
          int want = Math.min(config.batch(), budget - rows.length);
          for (int p : sampler.select(new Candidates(candProba, candVec), want, rnd)) {
            labeled[unl[p]] = true;
            order.add(unl[p]);
          }
        }
      }
    }
    return points;
  }

  /** Probabilities over {@code classes} for every cache row; a one-class training set predicts that class. */
  private double[][] predict(TextDataset train, FeatureCache cache, int[] rows, List<String> classes) {
    double[][] out = new double[cache.size()][classes.size()];
    if (train.classes().size() < 2) {
      int c = classes.indexOf(train.classes().get(0));
      for (double[] r : out) {
        Arrays.fill(r, 0.1 / classes.size());
        r[c] += 0.9;
      }
      return out;
    }
    Model model = trainer.train(train, cache, rows);
    double[][] p = model.predictProba(cache);
    int[] map = model.classes().stream().mapToInt(classes::indexOf).toArray();
    for (int i = 0; i < p.length; i++) for (int c = 0; c < map.length; c++) out[i][map[c]] = p[i][c];
    return out;
  }

  /** Rows not in {@code labeled} (the test rows follow the pool) with a class probability of exactly 1.0. */
  static int certain(double[][] proba, boolean[] labeled) {
    int n = 0;
    for (int i = 0; i < proba.length; i++) {
      if ((i >= labeled.length || !labeled[i]) && Arrays.stream(proba[i]).anyMatch(p -> p >= 1.0)) n++;
    }
    return n;
  }

  /** Area under the learning curve: mean accuracy over its points. */
  public static double aulc(List<CurvePoint> curve) {
    return curve.stream().mapToDouble(CurvePoint::accuracy).average().orElse(Double.NaN);
  }

  private static List<LabeledText> concat(TextDataset a, TextDataset b) {
    List<LabeledText> all = new ArrayList<>(a.items());
    all.addAll(b.items());
    return all;
  }

  static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = java.util.stream.IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }

  private static int[] firstK(int[] a, int k) { return Arrays.copyOf(a, k); }
}
