package org.labelloop.core.learning;

import java.util.SplittableRandom;

/**
 * Queue scores (higher is served first) from a model's class probabilities, per strategy (Settles, "Active Learning
 * Literature Survey", 2009, §3.1): least confidence {@code 1 - max p}; margin {@code 1 - (p1 - p2)}; entropy normalised
 * by {@code ln K}; random a seeded uniform number. All lie in [0, 1]; ties are broken by asset id in the queue.
 */
public final class Uncertainty {
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
