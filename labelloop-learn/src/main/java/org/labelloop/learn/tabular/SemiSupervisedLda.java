package org.labelloop.learn.tabular;

import java.util.Arrays;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.Scorer;

/**
 * Semi-supervised linear discriminant analysis: {@link SharedGaussians} fitted by EM over the labeled rows, clamped to
 * their classes, and the pool's unlabeled rows, soft (Nigam et al. 2000; Castelli and Cover 1995). With a few dozen
 * labels the pool's thousands of rows place the classes, when the classes are the pool's clusters.
 *
 * <p>EM has several modes, and a few labels can start it in one that splits the pool along another axis. So it runs
 * from two starts, the labeled means with the pool's covariance and the pool as a logistic regression (C=1) on the
 * labels assigns it, and keeps the fit of higher observed-data log-likelihood (BENCHMARKS "Guards against a wrong EM
 * mode").
 *
 * <p>Whether the classes are the pool's clusters at all is {@link #labelsFollowClusters}'s question, which a search
 * asks instead of cross-validating this learner against supervised ones (see {@link TabularAutoMl}).
 */
public final class SemiSupervisedLda implements Learner {
  /** EM rounds from each start, as first measured (BENCHMARKS "semi-supervised LDA"); not varied since. */
  static final int ITERATIONS = 30;
  /**
   * Widest encoded rows it fits, and most pool rows it learns from (a seeded sample beyond): EM costs rows × columns²
   * a round, two starts a fit and a fit per leave-one-out fold, which these keep to seconds; one-hot text columns run
   * to thousands.
   */
  public static final int MAX_COLUMNS = 32, MAX_POOL = 10_000;

  private final float[][] pool;

  /** @param pool the pool's unlabeled rows, encoded like the labeled ones */
  public SemiSupervisedLda(float[][] pool) {
    if (pool.length == 0) throw new IllegalArgumentException("need unlabeled rows");
    this.pool = pool;
  }

  /** Whether a pool of {@code rows} unlabeled rows of {@code columns} encoded columns is one this learner fits. */
  public static boolean fits(int columns, int rows) { return columns <= MAX_COLUMNS && rows > columns; }

  @Override public String name() { return "sslda"; }

  @Override public String toString() { return "SemiSupervisedLda[pool=" + pool.length + " rows, it=" + ITERATIONS + "]"; }

  @Override public Scorer fit(SparseMatrix x, int[] y, int numClasses) { return fitDense(x.toDense(), y, numClasses); }

  /**
   * Whether these labels follow the pool's clusters, as a comparison of two codes (minimum description length) for the
   * pool's rows, the labeled rows and their labels, under Gaussians of the same shape:
   * <ul>
   *   <li>classes: the semi-supervised fit, whose components are the classes, codes rows and labels together;
   *   <li>clusters: EM on the pool alone, released from that fit, codes the rows, and the labels are coded by their
   *       base rates, as if the clusters said nothing about them.
   * </ul>
   * When the classes are clusters, releasing the labels moves nothing and the fit predicts the labels better than
   * their base rates; when they are not, respecting the labels costs the pool's density far more than the labels
   * weigh. The clusters are the mode the fit sits in, not a search for the pool's best clustering, so a fit stuck
   * where the classes' means nearly coincide (three clusters, the outer two one class) is a mode that releasing does
   * not leave, and it passes, close to a tie. Nothing is held out, so where a strategy put the labeled rows only enters
   * through the labels' likelihood, which rows on a boundary push towards the base rates (a tie), not against the fit.
   */
  public boolean labelsFollowClusters(SparseMatrix x, int[] y, int numClasses) {
    float[][] labeled = x.toDense();
    SharedGaussians classes = fitDense(labeled, y, numClasses);
    SharedGaussians clusters = classes;
    for (int t = 0; t < ITERATIONS; t++) clusters = SharedGaussians.fit(pool, posteriors(clusters));
    int[] counts = new int[numClasses];
    for (int c : y) counts[c]++;
    double withClasses = poolLikelihood(classes), withClusters = poolLikelihood(clusters);
    for (int i = 0; i < labeled.length; i++) {
      withClasses += classes.logJoint(labeled[i], y[i]);
      withClusters += clusters.logDensity(labeled[i]) + Math.log((double) counts[y[i]] / y.length);
    }
    return withClasses >= withClusters;
  }

  private double poolLikelihood(SharedGaussians m) {
    double ll = 0;
    for (float[] row : pool) ll += m.logDensity(row);
    return ll;
  }

  private SharedGaussians fitDense(float[][] labeled, int[] y, int k) {
    int p = pool[0].length;
    float[][] rows = Arrays.copyOf(labeled, labeled.length + pool.length);
    System.arraycopy(pool, 0, rows, labeled.length, pool.length);
    double[][] lr = new LiblinearLrLearner(1).fit(SparseMatrix.ofDense(labeled, p), y, k)
        .scores(SparseMatrix.ofDense(pool, p));
    for (double[] z : lr) {
      double norm = SharedGaussians.logSumExp(z);
      for (int c = 0; c < k; c++) z[c] = Math.exp(z[c] - norm);
    }
    SharedGaussians fromMeans = em(labeledMeans(labeled, y, k), rows, y, k);
    SharedGaussians fromLr = em(SharedGaussians.fit(rows, clamped(y, k, lr)), rows, y, k);
    return logLikelihood(fromLr, labeled, y) > logLikelihood(fromMeans, labeled, y) ? fromLr : fromMeans;
  }

  /** The labeled rows' class means and shares, with the pool's covariance (no label needed for it). */
  private SharedGaussians labeledMeans(float[][] labeled, int[] y, int k) {
    int p = pool[0].length;
    double[][] mean = new double[k][p];
    double[] share = new double[k];
    for (int i = 0; i < labeled.length; i++) {
      share[y[i]]++;
      for (int j = 0; j < p; j++) mean[y[i]][j] += labeled[i][j];
    }
    for (int c = 0; c < k; c++) for (int j = 0; j < p; j++) mean[c][j] /= Math.max(share[c], 1);
    double[][] poolMean = new double[1][p];
    for (float[] row : pool) for (int j = 0; j < p; j++) poolMean[0][j] += row[j] / (double) pool.length;
    return SharedGaussians.of(mean, share, SharedGaussians.covariance(pool, null, poolMean));
  }

  private SharedGaussians em(SharedGaussians start, float[][] rows, int[] y, int k) {
    SharedGaussians m = start;
    for (int t = 0; t < ITERATIONS; t++) m = SharedGaussians.fit(rows, clamped(y, k, posteriors(m)));
    return m;
  }

  /** The labeled rows' one-hot classes followed by the pool's {@code poolPosteriors}. */
  private static double[][] clamped(int[] y, int k, double[][] poolPosteriors) {
    double[][] r = new double[y.length + poolPosteriors.length][];
    for (int i = 0; i < y.length; i++) {
      r[i] = new double[k];
      r[i][y[i]] = 1;
    }
    System.arraycopy(poolPosteriors, 0, r, y.length, poolPosteriors.length);
    return r;
  }

  private double[][] posteriors(SharedGaussians m) {
    return Arrays.stream(pool).map(m::posterior).toArray(double[][]::new);
  }

  /** Observed-data log-likelihood: the labeled rows with their classes and the pool's rows. */
  private double logLikelihood(SharedGaussians m, float[][] labeled, int[] y) {
    double ll = poolLikelihood(m);
    for (int i = 0; i < labeled.length; i++) ll += m.logJoint(labeled[i], y[i]);
    return ll;
  }
}
