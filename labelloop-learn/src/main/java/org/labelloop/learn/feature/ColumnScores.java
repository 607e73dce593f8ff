package org.labelloop.learn.feature;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Univariate class-association scores of feature columns, as in scikit-learn's {@code chi2} and {@code f_classif}.
 *
 * <p>Chi-squared (Yang &amp; Pedersen, ICML 1997, the classic for text): with {@code O_cj} the sum of feature j over
 * class c and {@code E_cj = P(c) * sum_j} its value if j were independent of the class, {@code chi2_j = sum_c
 * (O_cj - E_cj)^2 / E_cj}. ANOVA F: between-class over within-class variance of the column, each divided by its
 * degrees of freedom. Both are accumulated one class at a time, so memory stays O(columns) for any class count.
 */
final class ColumnScores {
  private ColumnScores() {}

  static double[] score(FeatureSelection.Score score, SparseMatrix x, int[] y, int numClasses) {
    return score == FeatureSelection.Score.CHI2 ? chi2(x, y, numClasses) : anovaF(x, y, numClasses);
  }

  /** Indices of the {@code keep} highest scores in ascending column order (ties: lower column first). */
  static int[] top(double[] scores, int keep) {
    if (keep >= scores.length) return IntStream.range(0, scores.length).toArray();
    return IntStream.range(0, scores.length).boxed()
        .sorted((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b))
        .limit(keep).mapToInt(Integer::intValue).sorted().toArray();
  }

  static double[] chi2(SparseMatrix x, int[] y, int numClasses) {
    int d = x.cols(), n = x.rows();
    double[] total = columnSums(x, y, -1, false);
    double[] chi = new double[d];
    int[] counts = classCounts(y, numClasses);
    for (int c = 0; c < numClasses; c++) {
      if (counts[c] == 0) continue;
      double[] observed = columnSums(x, y, c, false);
      double prior = (double) counts[c] / n;
      for (int j = 0; j < d; j++) {
        double expected = prior * total[j];
        if (expected > 0) chi[j] += (observed[j] - expected) * (observed[j] - expected) / expected;
      }
    }
    return chi;
  }

  static double[] anovaF(SparseMatrix x, int[] y, int numClasses) {
    int d = x.cols(), n = x.rows();
    int[] counts = classCounts(y, numClasses);
    int groups = (int) Arrays.stream(counts).filter(v -> v > 0).count();
    double[] sum = columnSums(x, y, -1, false), squares = columnSums(x, y, -1, true);
    double[] between = new double[d]; // sum_c S_c^2 / n_c
    for (int c = 0; c < numClasses; c++) {
      if (counts[c] == 0) continue;
      double[] s = columnSums(x, y, c, false);
      for (int j = 0; j < d; j++) between[j] += s[j] * s[j] / counts[c];
    }
    double[] f = new double[d];
    for (int j = 0; j < d; j++) {
      double ssb = between[j] - sum[j] * sum[j] / n, ssw = squares[j] - between[j];
      double msb = ssb / Math.max(1, groups - 1), msw = ssw / Math.max(1, n - groups);
      f[j] = msw > 1e-12 ? msb / msw : (msb > 1e-12 ? Double.MAX_VALUE : 0);
    }
    return f;
  }

  /** Column sums (of squares when {@code squared}) over the rows of class {@code cls} (-1: all rows). */
  private static double[] columnSums(SparseMatrix x, int[] y, int cls, boolean squared) {
    double[] s = new double[x.cols()];
    for (int r = 0; r < x.rows(); r++) {
      if (cls >= 0 && y[r] != cls) continue;
      for (int k = x.start(r); k < x.end(r); k++) s[x.col(k)] += squared ? x.val(k) * x.val(k) : x.val(k);
    }
    return s;
  }

  private static int[] classCounts(int[] y, int numClasses) {
    int[] c = new int[numClasses];
    for (int v : y) c[v]++;
    return c;
  }
}
