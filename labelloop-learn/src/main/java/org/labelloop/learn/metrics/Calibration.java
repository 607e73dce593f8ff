package org.labelloop.learn.metrics;

/**
 * Temperature scaling (Guo et al., ICML 2017): one scalar {@code T} such that {@code softmax(scores / T)} minimises the
 * log-loss on held-out (out-of-fold) scores, plus expected calibration error. With raw SVM margins as scores this is a
 * multi-class Platt scaling with a shared slope.
 *
 * <p>The log-loss is taken against Platt's smoothed targets (Platt 1999, section 2.2): an example of a class seen
 * {@code N} times counts as that class with probability {@code (N + 1) / (N + 2)}, the rest spread over the other
 * classes. With 15 labels the out-of-fold scores are often perfectly separated and plain temperature scaling then
 * drives {@code T} towards 0, so every prediction reads 100 %; the smoothed targets keep a few labels from claiming more
 * certainty than Laplace's rule of succession allows, and fade as the labels grow. Probabilities are kept off exactly
 * 0 and 1, which no model trained on a sample can claim.
 */
public final class Calibration {
  /** The smallest probability a class gets; its complement is the largest. */
  static final double FLOOR = 1e-9;

  private Calibration() {}

  /** Fits the temperature by golden-section search on {@code ln T} in [-7, 7]. */
  public static double fitTemperature(double[][] scores, int[] y) {
    double[][] targets = plattTargets(y, scores.length == 0 ? 0 : scores[0].length);
    double lo = -7, hi = 7, phi = (Math.sqrt(5) - 1) / 2;
    double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
    double fa = crossEntropy(scores, targets, Math.exp(a)), fb = crossEntropy(scores, targets, Math.exp(b));
    for (int i = 0; i < 60; i++) {
      if (fa < fb) {
        hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = crossEntropy(scores, targets, Math.exp(a));
      } else {
        lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = crossEntropy(scores, targets, Math.exp(b));
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  /** Per example: {@code (N + 1) / (N + 2)} on its class (seen {@code N} times), the rest shared by the others. */
  static double[][] plattTargets(int[] y, int k) {
    int[] count = new int[k];
    for (int c : y) count[c]++;
    double[][] t = new double[y.length][k];
    for (int i = 0; i < y.length; i++) {
      double own = (count[y[i]] + 1.0) / (count[y[i]] + 2.0);
      java.util.Arrays.fill(t[i], k > 1 ? (1 - own) / (k - 1) : 0);
      t[i][y[i]] = k > 1 ? own : 1;
    }
    return t;
  }

  private static double crossEntropy(double[][] scores, double[][] targets, double t) {
    double s = 0;
    for (int i = 0; i < scores.length; i++) {
      double[] p = softmax(scores[i], t);
      for (int c = 0; c < p.length; c++) s -= targets[i][c] * Math.log(p[c]);
    }
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
}
