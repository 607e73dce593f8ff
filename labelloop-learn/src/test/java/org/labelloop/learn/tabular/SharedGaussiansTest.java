package org.labelloop.learn.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.labelloop.learn.feature.SparseMatrix;

class SharedGaussiansTest {
  /** One column, classes N(−1, 4) and N(2, 4) with shares 1/4 and 3/4 (the ridge adds 0.001 to the variance). */
  private static final SharedGaussians G = SharedGaussians.of(new double[][] {{-1}, {2}}, new double[] {1, 3},
      new double[][] {{4}});

  private static double normal(double x, double mean) {
    return Math.exp(-(x - mean) * (x - mean) / 8) / Math.sqrt(2 * Math.PI * 4);
  }

  @Test
  void densitiesAreTheClassGaussiansUpToTheSharedConstant() {
    float x = 0.7f;
    double constant = 0.5 * Math.log(2 * Math.PI);
    assertEquals(Math.log(0.25 * normal(x, -1)), G.logJoint(new float[] {x}, 0) - constant, 1e-6);
    assertEquals(Math.log(0.25 * normal(x, -1) + 0.75 * normal(x, 2)), G.logDensity(new float[] {x}) - constant, 1e-6);
    double[] p = G.posterior(new float[] {x});
    assertEquals(0.25 * normal(x, -1) / (0.25 * normal(x, -1) + 0.75 * normal(x, 2)), p[0], 1e-9);
  }

  @Test
  void contributionsOfTwoClassesAreTheLogOddsWithoutTheBias() {
    SparseMatrix x = SparseMatrix.ofDense(new float[][] {{1.5f}}, 1);
    double[] s = G.scores(x)[0];
    double bias = G.b()[1] - G.b()[0];
    assertEquals(s[1] - s[0] - bias, G.contributions(x, 0, 1)[0], 1e-9);
    assertEquals(-(s[1] - s[0] - bias), G.contributions(x, 0, 0)[0], 1e-9);
  }

  @Test
  void theMStepRecoversMeansSharesAndTheWithinClassVariance() {
    float[][] rows = {{-2}, {0}, {1}, {3}, {2}};
    double[][] resp = {{1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 1}};
    SharedGaussians fit = SharedGaussians.fit(rows, resp);
    // means −1 and 2, within-class variance (1 + 1 + 1 + 1 + 0) / 5, shares 2/5 and 3/5
    SharedGaussians expected = SharedGaussians.of(new double[][] {{-1}, {2}}, new double[] {2, 3}, new double[][] {{0.8 + 1e-3}});
    assertEquals(expected.logJoint(new float[] {0.3f}, 0), fit.logJoint(new float[] {0.3f}, 0), 1e-9);
    assertEquals(expected.logJoint(new float[] {0.3f}, 1), fit.logJoint(new float[] {0.3f}, 1), 1e-9);
  }
}
