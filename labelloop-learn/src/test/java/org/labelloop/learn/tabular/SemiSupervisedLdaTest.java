package org.labelloop.learn.tabular;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.metrics.Metrics;

class SemiSupervisedLdaTest {
  /** Two correlated Gaussian clusters, centred at x = −2 and x = +2 (a third of the rows on the left); y is noise. */
  static float[][] clusters(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      double a = nextGaussian(r), b = nextGaussian(r);
      rows[i] = new float[] {(float) ((i % 3 == 0 ? -2 : 2) + 0.6 * a), (float) (0.5 * a + 1.5 * b)};
    }
    return rows;
  }

  private static double nextGaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static int[] byCluster(float[][] rows) { return IntStream.range(0, rows.length).map(i -> i % 3 == 0 ? 0 : 1).toArray(); }

  private static double accuracy(SemiSupervisedLda lda, SparseMatrix labeled, int[] y, float[][] test, int[] truth) {
    double[][] s = lda.fit(labeled, y, 2).scores(SparseMatrix.ofDense(test, 2));
    return IntStream.range(0, test.length).filter(i -> Metrics.argmax(s[i]) == truth[i]).count() / (double) test.length;
  }

  @Test
  void labelsThatNameTheClustersFollowThemAndThePoolPlacesTheBoundary() {
    float[][] pool = clusters(600, 1), labeled = clusters(6, 2), test = clusters(300, 3);
    SemiSupervisedLda lda = new SemiSupervisedLda(pool);
    SparseMatrix x = SparseMatrix.ofDense(labeled, 2);
    assertTrue(lda.labelsFollowClusters(x, byCluster(labeled), 2));
    assertTrue(accuracy(lda, x, byCluster(labeled), test, byCluster(test)) >= 0.99);
  }

  @Test
  void labelsNearTheBoundaryStillFollowTheClusters() {
    float[][] pool = clusters(600, 1);
    float[][] labeled = {{-0.4f, 0}, {-0.3f, 1}, {0.3f, -1}, {0.4f, 0}, {-3, 0}, {3, 0}};
    int[] y = {0, 0, 1, 1, 0, 1};
    assertTrue(new SemiSupervisedLda(pool).labelsFollowClusters(SparseMatrix.ofDense(labeled, 2), y, 2));
  }

  @Test
  void fitsOnlyPoolsWithMoreRowsThanNarrowColumns() {
    assertTrue(SemiSupervisedLda.fits(11, 4000));
    assertTrue(SemiSupervisedLda.fits(SemiSupervisedLda.MAX_COLUMNS, 4000));
    assertFalse(SemiSupervisedLda.fits(11, 11));
    assertFalse(SemiSupervisedLda.fits(SemiSupervisedLda.MAX_COLUMNS + 1, 4000));
  }
}
