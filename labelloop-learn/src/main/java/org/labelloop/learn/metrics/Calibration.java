package org.labelloop.learn.metrics;

/**
 * Temperature scaling (Guo et al., ICML 2017): one scalar {@code T} such that {@code softmax(scores / T)} minimises the
 * log-loss on held-out (out-of-fold) scores, plus expected calibration error. With raw SVM margins as scores this is a
 * multi-class Platt scaling with a shared slope.
 *
 * <p>With few labels the log-loss fit fails both ways, and the mean confidence on the out-of-fold rows is then held to
 * Laplace's estimate of their accuracy, {@code (correct + 1) / (n + 2)} (the rule of succession):
 * <ul>
 *   <li>every row right: the log-loss falls all the way to {@code T -> 0} and every prediction reads 100 %; the mean
 *       confidence may not exceed the estimate (15 of 15 right: 94 %);
 *   <li>some rows wrong: a few confident mistakes dominate the log-loss of 20 rows and push {@code T} up until the
 *       model is less sure than it is right (BBC, 5 classes, 20-40 margin labels: ECE 0.15-0.23); the mean confidence
 *       may not fall below the estimate. Overconfidence is left to the log-loss, which punishes it.
 * </ul>
 * A calibrated model's mean confidence on its calibration rows equals its accuracy there; the estimate is that
 * accuracy, smoothed. Probabilities are kept off exactly 0 and 1, which no model trained on a sample can claim.
 */
public final class Calibration {
  /** The smallest probability a class gets; its complement is the largest. */
  static final double FLOOR = 1e-9;

  private Calibration() {}

  /** Fits the temperature by golden-section search on {@code ln T} in [-7, 7], then holds it to Laplace's estimate. */
  public static double fitTemperature(double[][] scores, int[] y) {
    double lo = -7, hi = 7, phi = (Math.sqrt(5) - 1) / 2;
    double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
    double fa = nll(scores, y, Math.exp(a)), fb = nll(scores, y, Math.exp(b));
    for (int i = 0; i < 60; i++) {
      if (fa < fb) {
        hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = nll(scores, y, Math.exp(a));
      } else {
        lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = nll(scores, y, Math.exp(b));
      }
    }
    return heldToLaplace(scores, y, (lo + hi) / 2);
  }

  /**
   * {@code exp(lnT)}, moved (by bisection: the mean top-class confidence falls as the temperature grows) to where the
   * mean confidence on the rows is Laplace's {@code (correct + 1) / (n + 2)} if it is above that with every row right,
   * or below it with some wrong.
   */
  static double heldToLaplace(double[][] scores, int[] y, double lnT) {
    if (scores.length == 0) return Math.exp(lnT);
    int correct = 0;
    for (int i = 0; i < scores.length; i++) if (Metrics.argmax(scores[i]) == y[i]) correct++;
    double estimate = (correct + 1.0) / (scores.length + 2.0);
    double confidence = meanConfidence(scores, Math.exp(lnT));
    boolean allRight = correct == scores.length;
    if (allRight ? confidence <= estimate : confidence >= estimate) return Math.exp(lnT);
    double lo = allRight ? lnT : -7, hi = allRight ? 7 : lnT;
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      if (meanConfidence(scores, Math.exp(mid)) > estimate) lo = mid; else hi = mid;
    }
    return Math.exp(allRight ? hi : lo);
  }

  private static double meanConfidence(double[][] scores, double t) {
    double s = 0;
    for (double[] row : scores) {
      double[] p = softmax(row, t);
      s += p[Metrics.argmax(p)];
    }
    return s / scores.length;
  }

  /** Mean negative log-likelihood of the true classes under {@code softmax(scores / t)}. */
  public static double nll(double[][] scores, int[] y, double t) {
    double s = 0;
    for (int i = 0; i < scores.length; i++) s -= Math.log(softmax(scores[i], t)[y[i]]);
    return s / scores.length;
  }

  /** {@code softmax(z / t)}, each probability kept within [{@link #FLOOR}, 1 - FLOOR] (one class: 1). */
  public static double[] softmax(double[] z, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) max = Math.max(max, v);
    double[] p = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) sum += p[i] = Math.max(FLOOR, Math.exp((z[i] - max) / t));
    for (int i = 0; i < z.length; i++) p[i] /= sum;
    return p;
  }

  public static double[][] softmax(double[][] z, double t) {
    double[][] p = new double[z.length][];
    for (int i = 0; i < z.length; i++) p[i] = softmax(z[i], t);
    return p;
  }

  /** Expected calibration error of the top-class confidence over {@code bins} equal-width bins (Naeini et al. 2015). */
  public static double ece(double[][] proba, int[] y, int bins) {
    double[] conf = new double[bins], acc = new double[bins];
    int[] count = new int[bins];
    for (int i = 0; i < proba.length; i++) {
      int best = Metrics.argmax(proba[i]);
      int b = Math.min(bins - 1, (int) (proba[i][best] * bins));
      conf[b] += proba[i][best];
      acc[b] += best == y[i] ? 1 : 0;
      count[b]++;
    }
    double e = 0;
    for (int b = 0; b < bins; b++) if (count[b] > 0) e += Math.abs(acc[b] - conf[b]) / proba.length;
    return e;
  }

  /**
   * Rows outside {@code labeled} given a class probability of exactly 1.0: no model trained on a sample can honestly
   * claim that, so a calibrated model has none.
   */
  public static int certain(double[][] proba, int[] labeled) {
    java.util.BitSet seen = new java.util.BitSet(proba.length);
    for (int r : labeled) seen.set(r);
    int n = 0;
    for (int i = 0; i < proba.length; i++) {
      if (!seen.get(i) && java.util.Arrays.stream(proba[i]).anyMatch(p -> p >= 1.0)) n++;
    }
    return n;
  }
}
