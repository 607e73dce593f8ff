package org.labelloop.learn.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.labelloop.learn.metrics.Metrics;

/**
 * Finds labels that are likely wrong from out-of-fold predicted probabilities, with the thresholds of confident
 * learning (Northcutt, Jiang &amp; Chuang, "Confident Learning: Estimating Uncertainty in Dataset Labels", JAIR 2021).
 *
 * <p>Each class j gets a threshold t_j, its average self-confidence: the mean of p(j|x) over the examples labeled j.
 * An example labeled i is suspected when p(i|x) is below t_i while some other class j reaches t_j; of several such
 * classes the most probable is suggested. Per-class thresholds matter because models are not equally confident about
 * every class: a fixed 0.5 cut over-flags hard classes and misses errors in easy ones. Out-of-fold probabilities are
 * required: a model scoring its own training labels remembers them and flags nothing.
 */
public final class ConfidentLearning {
  private ConfidentLearning() {}

  /** The per-class average self-confidence; NaN for a class no example is labeled with. */
  public static double[] thresholds(int[] labels, double[][] probabilities) {
    int k = probabilities[0].length;
    double[] sum = new double[k];
    int[] count = new int[k];
    for (int n = 0; n < labels.length; n++) {
      sum[labels[n]] += probabilities[n][labels[n]];
      count[labels[n]]++;
    }
    double[] t = new double[k];
    for (int j = 0; j < k; j++) {
      t[j] = count[j] == 0 ? Double.NaN : sum[j] / count[j];
    }
    return t;
  }

  /**
   * Whether the out-of-fold predictions agree with the labels more often than always answering the most common class
   * would, beyond chance (one-sided exact binomial test at 5 %). Below that the models have learned nothing the labels
   * can be checked against, and their disagreements are noise, not suspects.
   */
  public static boolean learnedMoreThanTheMajority(int[] labels, double[][] probabilities) {
    int n = labels.length;
    if (n == 0) return false;
    int[][] confusion = Metrics.ofProba(labels, probabilities, probabilities[0].length).confusion();
    int agree = 0, largest = 0;
    for (int c = 0; c < confusion.length; c++) {
      agree += confusion[c][c];
      largest = Math.max(largest, java.util.Arrays.stream(confusion[c]).sum());
    }
    double majority = (double) largest / n;
    return majority < 1 && upperTail(n, agree, majority) < 0.05;
  }

  /** P(X ≥ k) for X ~ Binomial(n, p), summed in log space so that large n neither overflows nor underflows. */
  static double upperTail(int n, int k, double p) {
    double logP = Math.log(p), logQ = Math.log1p(-p), logChoose = 0, sum = 0;
    for (int i = 0; i <= n; i++) {
      if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
      if (i >= k) sum += Math.exp(logChoose + i * logP + (n - i) * logQ);
    }
    return Math.min(1, sum);
  }

  /** The suspected labels, most suspicious first. */
  public static List<SuspectedLabel> suspects(int[] labels, double[][] probabilities) {
    if (labels.length != probabilities.length) {
      throw new IllegalArgumentException("one probability row per label is needed");
    }
    if (labels.length == 0) {
      return List.of();
    }
    double[] t = thresholds(labels, probabilities);
    List<SuspectedLabel> suspects = new ArrayList<>();
    for (int n = 0; n < labels.length; n++) {
      double[] p = probabilities[n];
      int given = labels[n];
      if (p[given] >= t[given]) {
        continue;
      }
      int suggested = -1;
      for (int j = 0; j < p.length; j++) {
        if (j != given && p[j] >= t[j] && (suggested < 0 || p[j] > p[suggested])) {
          suggested = j;
        }
      }
      if (suggested >= 0) {
        suspects.add(new SuspectedLabel(n, given, suggested, p[suggested] - p[given]));
      }
    }
    suspects.sort(Comparator.comparingDouble(SuspectedLabel::margin).reversed().thenComparingInt(SuspectedLabel::index));
    return suspects;
  }
}
