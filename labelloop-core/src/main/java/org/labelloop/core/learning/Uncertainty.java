package org.labelloop.core.learning;

import java.util.SplittableRandom;
import org.labelloop.learn.sampling.Candidates;
import org.labelloop.learn.sampling.DiverseBatchSampler;

/**
 * Queue scores (higher is served first) from a model's class probabilities, per strategy (Settles, "Active Learning
 * Literature Survey", 2009, §3.1): least confidence {@code 1 - max p}; margin {@code 1 - (p1 - p2)}; entropy normalised
 * by {@code ln K}; random a seeded uniform number. All lie in [0, 1] (a diverse batch on embeddings sits above);
 * ties are broken by asset id in the queue.
 */
public final class Uncertainty {
  /** DIVERSE clusters the {@code 10 × batch} most uncertain assets, as the learn module's simulator does. */
  private static final int DIVERSE_POOL_FACTOR = 10;

  private Uncertainty() {}

  public static double[] scores(Strategy strategy, double[][] proba, long seed) {
    double[] s = new double[proba.length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < proba.length; i++) {
      s[i] = switch (strategy) {
        case RANDOM -> random.nextDouble();
        case LEAST_CONFIDENCE -> leastConfidence(proba[i]);
        case MARGIN, DIVERSE -> margin(proba[i]);
        case ENTROPY -> entropy(proba[i]);
      };
    }
    if (strategy == Strategy.DIVERSE) {
      diversify(s, proba);
    }
    return s;
  }

  /**
   * Scores for the pool with sentence embeddings ({@code vectors}, one per pool row, or null when not stored). For
   * DIVERSE with embeddings the learn module's {@link DiverseBatchSampler} clusters the most uncertain candidates and
   * picks one per cluster; those {@code batch} assets head the queue (scores above 1, in pick order), the rest keep
   * their margin. Without embeddings DIVERSE falls back to mixing predicted classes.
   */
  public static double[] scores(Strategy strategy, double[][] proba, float[][] vectors, int batch, long seed) {
    if (strategy != Strategy.DIVERSE || vectors == null || proba.length == 0) return scores(strategy, proba, seed);
    double[] s = new double[proba.length];
    for (int i = 0; i < proba.length; i++) s[i] = margin(proba[i]);
    int[] picked = new DiverseBatchSampler(org.labelloop.learn.sampling.Uncertainty.MARGIN, DIVERSE_POOL_FACTOR)
        .select(new Candidates(proba, vectors), batch, new SplittableRandom(seed));
    for (int r = 0; r < picked.length; r++) s[picked[r]] = 2 - (double) r / picked.length;
    return s;
  }

  /**
   * Scores for a multi-label (one-vs-rest) model: RANDOM as usual; every other strategy scores an asset by its class
   * nearest to that class's decision threshold: {@code 1 - min_c |p_c - t_c| / (p_c >= t_c ? 1 - t_c : t_c)}, 1 when
   * some class sits on its threshold, 0 when every class is certain either way.
   */
  public static double[] multiLabel(Strategy strategy, double[][] proba, double[] thresholds, long seed) {
    if (strategy == Strategy.RANDOM) return scores(strategy, proba, seed);
    double[] s = new double[proba.length];
    for (int i = 0; i < proba.length; i++) {
      double nearest = 1;
      for (int c = 0; c < thresholds.length; c++) {
        double p = proba[i][c], t = thresholds[c];
        nearest = Math.min(nearest, Math.abs(p - t) / (p >= t ? 1 - t : t));
      }
      s[i] = 1 - nearest;
    }
    return s;
  }

  public static double leastConfidence(double[] p) {
    double max = 0;
    for (double v : p) max = Math.max(max, v);
    return 1 - max;
  }

  public static double margin(double[] p) {
    double first = 0, second = 0;
    for (double v : p) {
      if (v > first) {
        second = first;
        first = v;
      } else if (v > second) {
        second = v;
      }
    }
    return 1 - (first - second);
  }

  public static double entropy(double[] p) {
    if (p.length < 2) return 0;
    double h = 0;
    for (double v : p) if (v > 0) h -= v * Math.log(v);
    return h / Math.log(p.length);
  }

  /**
   * A cheap diversity correction for batches: among assets with the same predicted class, the k-th most uncertain gets
   * its score divided by (1 + k / 10), so the top of the queue mixes predicted classes instead of being one class's
   * borderline cases. (Embedding-space k-center batches are the ML module's sampler; this keeps the queue order usable
   * without it.)
   */
  static void diversify(double[] s, double[][] proba) {
    Integer[] order = new Integer[s.length];
    for (int i = 0; i < s.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
    java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
    double[] out = s.clone();
    for (int i : order) {
      int cls = argmax(proba[i]);
      int k = seen.merge(cls, 1, Integer::sum) - 1;
      out[i] = s[i] / (1 + k / 10.0);
    }
    System.arraycopy(out, 0, s, 0, s.length);
  }

  public static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
    return best;
  }
}
