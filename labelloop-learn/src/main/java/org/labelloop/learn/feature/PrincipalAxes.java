package org.labelloop.learn.feature;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The {@code d} directions along which rows vary most (principal component analysis), found by orthogonal iteration
 * on their covariance, and a projection onto them scaled to unit variance per direction. Dense rows of a few hundred
 * columns (sentence embeddings) become a handful of coordinates that a Gaussian model of the classes can fit.
 *
 * @param mean the rows' mean, subtracted before projecting
 * @param axes {@code d} orthonormal directions, of largest variance first
 * @param scale the rows' standard deviation along each axis
 */
public record PrincipalAxes(double[] mean, double[][] axes, double[] scale) implements Serializable {
  /** Rounds of orthogonal iteration: the leading directions of embedding covariances settle well before this. */
  private static final int ROUNDS = 100;

  /** The top {@code d} axes of {@code rows} (at most as many as columns). */
  public static PrincipalAxes fit(float[][] rows, int d, long seed) {
    int n = rows.length, p = rows[0].length;
    d = Math.min(d, p);
    double[] mean = new double[p];
    for (float[] r : rows) for (int j = 0; j < p; j++) mean[j] += r[j] / (double) n;
    double[][] cov = new double[p][p];
    double[] c = new double[p];
    for (float[] r : rows) {
      for (int j = 0; j < p; j++) c[j] = r[j] - mean[j];
      for (int a = 0; a < p; a++) for (int b = 0; b <= a; b++) cov[a][b] += c[a] * c[b];
    }
    for (int a = 0; a < p; a++) for (int b = 0; b <= a; b++) cov[b][a] = cov[a][b] /= n;
    SplittableRandom random = new SplittableRandom(seed);
    double[][] q = new double[d][p];
    for (double[] v : q) for (int j = 0; j < p; j++) v[j] = random.nextDouble() - 0.5;
    orthonormalise(q);
    for (int t = 0; t < ROUNDS; t++) {
      double[][] next = new double[d][];
      for (int i = 0; i < d; i++) next[i] = times(cov, q[i]);
      orthonormalise(next);
      q = next;
    }
    double[] scale = new double[d];
    for (int i = 0; i < d; i++) scale[i] = Math.sqrt(Math.max(dot(q[i], times(cov, q[i])), 1e-12));
    return new PrincipalAxes(mean, q, scale);
  }

  public int dimension() { return axes.length; }

  /** Each row's coordinates on the axes, in standard deviations. */
  public float[][] project(float[][] rows) {
    float[][] out = new float[rows.length][axes.length];
    for (int r = 0; r < rows.length; r++) {
      for (int i = 0; i < axes.length; i++) {
        double s = 0;
        for (int j = 0; j < mean.length; j++) s += (rows[r][j] - mean[j]) * axes[i][j];
        out[r][i] = (float) (s / scale[i]);
      }
    }
    return out;
  }

  /** Projects the rows of a feature matrix. */
  public SparseMatrix project(SparseMatrix x) {
    return SparseMatrix.ofDense(project(x.toDense()), axes.length);
  }

  /** Gram-Schmidt, twice over for numerical stability. */
  private static void orthonormalise(double[][] v) {
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < v.length; i++) {
        for (int k = 0; k < i; k++) {
          double proj = dot(v[i], v[k]);
          for (int j = 0; j < v[i].length; j++) v[i][j] -= proj * v[k][j];
        }
        double norm = Math.sqrt(Math.max(dot(v[i], v[i]), 1e-300));
        for (int j = 0; j < v[i].length; j++) v[i][j] /= norm;
      }
    }
  }

  private static double[] times(double[][] m, double[] v) {
    double[] out = new double[v.length];
    for (int a = 0; a < m.length; a++) out[a] = dot(m[a], v);
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) s += a[j] * b[j];
    return s;
  }
}
