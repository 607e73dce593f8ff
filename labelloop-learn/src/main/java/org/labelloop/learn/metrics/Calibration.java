package org.labelloop.learn.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

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
    return fit(t -> softmax(scores, t), y);
  }

  /**
   * A common factor on the member temperatures of an averaged ensemble, fitted like a temperature on the blend of the
   * members' out-of-fold scores. Members calibrated one by one and then averaged are less sure than the blend is right
   * (averaging pulls every disagreement towards the middle: Wu and Gales, 2021), so the blend is calibrated as a whole.
   */
  public static double fitEnsembleScale(List<double[][]> scores, double[] temperatures, int[] weights, int[] y) {
    return fit(f -> blend(scores, temperatures, weights, f), y);
  }

  /** The weighted average of {@code softmax(scores[j] / (temperatures[j] * factor))} over the members {@code j}. */
  public static double[][] blend(List<double[][]> scores, double[] temperatures, int[] weights, double factor) {
    List<double[][]> probs = new ArrayList<>();
    for (int j = 0; j < scores.size(); j++) probs.add(weights[j] == 0 ? null : softmax(scores.get(j), temperatures[j] * factor));
    return average(probs, weights);
  }

  /** Averaged probabilities of a weighted ensemble (members of weight 0 are skipped and may be {@code null}). */
  public static double[][] average(List<double[][]> probs, int[] weights) {
    double[][] first = probs.stream().filter(Objects::nonNull).findFirst().orElseThrow();
    int n = first.length, k = first[0].length;
    double total = 0;
    for (int w : weights) total += w;
    double[][] out = new double[n][k];
    for (int j = 0; j < weights.length; j++) {
      if (weights[j] == 0) continue;
      for (int i = 0; i < n; i++) for (int c = 0; c < k; c++) out[i][c] += probs.get(j)[i][c] * weights[j] / total;
    }
    return out;
  }

  /**
   * The factor {@code t} (a temperature, or a scale on temperatures) whose probabilities {@code proba.apply(t)}
   * minimise the log-loss, by golden-section search on {@code ln t} in [-7, 7], then held to Laplace's estimate.
   * Confidence must fall as {@code t} grows.
   */
  static double fit(DoubleFunction<double[][]> proba, int[] y) {
    double lo = -7, hi = 7, phi = (Math.sqrt(5) - 1) / 2;
    double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
    double fa = nll(proba.apply(Math.exp(a)), y), fb = nll(proba.apply(Math.exp(b)), y);
    for (int i = 0; i < 60; i++) {
      if (fa < fb) {
        hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = nll(proba.apply(Math.exp(a)), y);
      } else {
        lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = nll(proba.apply(Math.exp(b)), y);
      }
    }
    return heldToLaplace(proba, y, (lo + hi) / 2);
  }

  /**
   * {@code exp(lnT)}, moved (by bisection: the mean top-class confidence falls as the temperature grows) to where the
   * mean confidence on the rows is Laplace's {@code (correct + 1) / (n + 2)} if it is above that with every row right,
   * or below it with some wrong.
   */
  static double heldToLaplace(DoubleFunction<double[][]> proba, int[] y, double lnT) {
    if (y.length == 0) return Math.exp(lnT);
    double[][] p = proba.apply(Math.exp(lnT));
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (Metrics.argmax(p[i]) == y[i]) correct++;
    double estimate = (correct + 1.0) / (y.length + 2.0);
    double confidence = meanConfidence(p);
    boolean allRight = correct == y.length;
    if (allRight ? confidence <= estimate : confidence >= estimate) return Math.exp(lnT);
    double lo = allRight ? lnT : -7, hi = allRight ? 7 : lnT;
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      if (meanConfidence(proba.apply(Math.exp(mid))) > estimate) lo = mid; else hi = mid;
    }
    return Math.exp(allRight ? hi : lo);
  }

  /** Mean top-class probability: a calibrated model's equals its accuracy (above it: overconfident). */
  public static double meanConfidence(double[][] proba) {
    double s = 0;
    for (double[] p : proba) s += p[Metrics.argmax(p)];
    return s / proba.length;
  }

  /** Mean negative log-likelihood of the true classes under the probabilities. */
  public static double nll(double[][] proba, int[] y) {
    double s = 0;
    for (int i = 0; i < y.length; i++) s -= Math.log(proba[i][y[i]]);
    return s / y.length;
  }

  /** Mean negative log-likelihood of the true classes under {@code softmax(scores / t)}. */
  public static double nll(double[][] scores, int[] y, double t) {
    return nll(softmax(scores, t), y);
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
   * The ECE that perfectly calibrated probabilities with these top-class confidences show on average over
   * {@code bins} equal-width bins: each row right with probability its confidence, independently, so a bin's count
   * right is Poisson-binomial and it adds the expected absolute deviation of that count from its summed confidence.
   * Exact for bins of up to {@value #EXACT_BIN} rows, the normal approximation {@code sigma * sqrt(2 / pi)} above. An
   * ECE near this floor is sampling noise of the test set, not miscalibration.
   */
  public static double eceFloor(double[][] proba, int bins) {
    List<List<Double>> byBin = new ArrayList<>();
    for (int b = 0; b < bins; b++) byBin.add(new ArrayList<>());
    for (double[] p : proba) {
      double c = p[Metrics.argmax(p)];
      byBin.get(Math.min(bins - 1, (int) (c * bins))).add(c);
    }
    double e = 0;
    for (List<Double> bin : byBin) e += expectedAbsoluteDeviation(bin);
    return e / proba.length;
  }

  static final int EXACT_BIN = 2000;

  /** {@code E|S - sum(p)|} for {@code S} the number of successes of independent Bernoulli trials {@code p}. */
  static double expectedAbsoluteDeviation(List<Double> p) {
    double mean = 0, variance = 0;
    for (double q : p) {
      mean += q;
      variance += q * (1 - q);
    }
    if (p.size() > EXACT_BIN) return Math.sqrt(variance * 2 / Math.PI);
    double[] dist = {1};
    for (double q : p) {
      double[] next = new double[dist.length + 1];
      for (int s = 0; s < dist.length; s++) {
        next[s] += dist[s] * (1 - q);
        next[s + 1] += dist[s] * q;
      }
      dist = next;
    }
    double e = 0;
    for (int s = 0; s < dist.length; s++) e += dist[s] * Math.abs(s - mean);
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
