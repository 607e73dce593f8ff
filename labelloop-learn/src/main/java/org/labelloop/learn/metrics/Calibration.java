package org.labelloop.learn.metrics;

/**
 * Temperature scaling (Guo et al., ICML 2017): one scalar {@code T} such that {@code softmax(scores / T)} minimises the
 * log-loss on held-out (out-of-fold) scores, plus expected calibration error. With raw SVM margins as scores this is a
 * multi-class Platt scaling with a shared slope.
 */
public final class Calibration {
  private Calibration() {}

  /** Fits the temperature by golden-section search on {@code ln T} in [-7, 7]. */
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
    return Math.exp((lo + hi) / 2);
  }

  /** Mean negative log-likelihood of the true classes under {@code softmax(scores / t)}. */
  public static double nll(double[][] scores, int[] y, double t) {
    double s = 0;
    for (int i = 0; i < scores.length; i++) s -= Math.log(Math.max(1e-15, softmax(scores[i], t)[y[i]]));
    return s / scores.length;
  }

  public static double[] softmax(double[] z, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) max = Math.max(max, v);
    double[] p = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) sum += p[i] = Math.exp((z[i] - max) / t);
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
