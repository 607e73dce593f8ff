package org.labelloop.learn.tabular;

import java.util.Arrays;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Contributions;
import org.labelloop.learn.learner.Scorer;

/**
 * Classes as Gaussians with one shared covariance {@code Σ = LLᵀ} (linear discriminant analysis). Class {@code c}
 * scores {@code log π_c + xᵀΣ⁻¹μ_c − ½μ_cᵀΣ⁻¹μ_c}; a row's log-density under the class is that score
 * {@code − ½xᵀΣ⁻¹x − ½log|Σ|}, up to {@code −p/2·log 2π}, which every model of the same columns shares, so
 * log-likelihoods of different fits compare.
 *
 * @param w {@code Σ⁻¹μ_c} per class
 * @param b {@code log π_c − ½μ_cᵀΣ⁻¹μ_c} per class
 * @param inverse {@code L⁻¹}, lower-triangular
 */
record SharedGaussians(double[][] w, double[] b, double[][] inverse) implements Scorer, Contributions {
  /** Added to Σ's diagonal so that a column that is constant within the rows (a one-hot level) keeps it invertible. */
  private static final double RIDGE = 1e-3;

  /**
   * The M step: each class's share and mean, and the pooled within-class covariance, of {@code rows} weighted by their
   * responsibilities {@code resp} (one distribution over the classes per row).
   */
  static SharedGaussians fit(float[][] rows, double[][] resp) {
    int k = resp[0].length, p = rows[0].length;
    double[] share = new double[k];
    double[][] mean = new double[k][p];
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < k; c++) {
        share[c] += resp[i][c];
        for (int j = 0; j < p; j++) mean[c][j] += resp[i][c] * rows[i][j];
      }
    }
    for (int c = 0; c < k; c++) for (int j = 0; j < p; j++) mean[c][j] /= Math.max(share[c], 1e-9);
    return of(mean, share, covariance(rows, resp, mean));
  }

  /** Gaussians of the given means and shares (normalised here) sharing {@code cov} plus the ridge. */
  static SharedGaussians of(double[][] mean, double[] share, double[][] cov) {
    int k = mean.length, p = cov.length;
    double total = Arrays.stream(share).sum();
    double[][] inverse = invertLower(cholesky(cov));
    double[][] w = new double[k][p];
    double[] b = new double[k];
    for (int c = 0; c < k; c++) {
      double[] u = times(inverse, mean[c]); // L⁻¹μ
      for (int j = 0; j < p; j++) for (int i = j; i < p; i++) w[c][j] += inverse[i][j] * u[i]; // L⁻ᵀL⁻¹μ
      b[c] = Math.log(Math.max(share[c], 1e-9) / total) - 0.5 * Arrays.stream(u).map(v -> v * v).sum();
    }
    return new SharedGaussians(w, b, inverse);
  }

  /** {@code Σ_i Σ_c resp_ic (x_i − μ_c)(x_i − μ_c)ᵀ / n} plus the ridge; {@code mean} may be one row for the pool's own. */
  static double[][] covariance(float[][] rows, double[][] resp, double[][] mean) {
    int p = rows[0].length;
    double[][] s = new double[p][p];
    double[] d = new double[p];
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < mean.length; c++) {
        double r = resp == null ? 1 : resp[i][c];
        if (r == 0) continue;
        for (int j = 0; j < p; j++) d[j] = rows[i][j] - mean[c][j];
        for (int a = 0; a < p; a++) for (int e = 0; e <= a; e++) s[a][e] += r * d[a] * d[e];
      }
    }
    for (int a = 0; a < p; a++) {
      for (int e = 0; e <= a; e++) s[e][a] = s[a][e] /= rows.length;
      s[a][a] += RIDGE;
    }
    return s;
  }

  double[] score(float[] x) {
    double[] z = b.clone();
    for (int c = 0; c < z.length; c++) for (int j = 0; j < x.length; j++) z[c] += w[c][j] * x[j];
    return z;
  }

  /** {@code log p(x, c)}. */
  double logJoint(float[] x, int c) { return score(x)[c] - shared(x); }

  /** {@code log p(x) = log Σ_c p(x, c)}. */
  double logDensity(float[] x) { return logSumExp(score(x)) - shared(x); }

  /** The posterior over the classes of row {@code x}. */
  double[] posterior(float[] x) {
    double[] z = score(x);
    double norm = logSumExp(z);
    for (int c = 0; c < z.length; c++) z[c] = Math.exp(z[c] - norm);
    return z;
  }

  /** {@code ½xᵀΣ⁻¹x + ½log|Σ|}, the part of every class's log-density that does not depend on the class. */
  private double shared(float[] x) {
    double q = 0, logDet = 0;
    for (int i = 0; i < inverse.length; i++) {
      double u = 0;
      for (int j = 0; j <= i; j++) u += inverse[i][j] * x[j];
      q += u * u;
      logDet -= 2 * Math.log(inverse[i][i]);
    }
    return 0.5 * (q + logDet);
  }

  @Override public double[][] scores(SparseMatrix x) {
    return Arrays.stream(x.toDense()).map(this::score).toArray(double[][]::new);
  }

  /** Weight × value against the mean of the other classes' weights: for two classes, the log-odds of {@code cls}. */
  @Override public double[] contributions(SparseMatrix x, int row, int cls) {
    double[] out = new double[x.cols()];
    for (int t = x.start(row); t < x.end(row); t++) {
      int j = x.col(t);
      double others = 0;
      for (int c = 0; c < w.length; c++) if (c != cls) others += w[c][j] / (w.length - 1);
      out[j] = (w[cls][j] - others) * x.val(t);
    }
    return out;
  }

  static double logSumExp(double[] z) {
    double max = Arrays.stream(z).max().orElseThrow(), sum = 0;
    for (double v : z) sum += Math.exp(v - max);
    return max + Math.log(sum);
  }

  private static double[][] cholesky(double[][] a) {
    int p = a.length;
    double[][] l = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int t = 0; t < j; t++) s -= l[i][t] * l[j][t];
        l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j][j];
      }
    }
    return l;
  }

  private static double[][] invertLower(double[][] l) {
    int p = l.length;
    double[][] inv = new double[p][p];
    for (int i = 0; i < p; i++) {
      inv[i][i] = 1 / l[i][i];
      for (int j = 0; j < i; j++) {
        double s = 0;
        for (int t = j; t < i; t++) s -= l[i][t] * inv[t][j];
        inv[i][j] = s / l[i][i];
      }
    }
    return inv;
  }

  private static double[] times(double[][] lower, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) for (int j = 0; j <= i; j++) out[i] += lower[i][j] * v[j];
    return out;
  }
}
