package org.labelloop.learn.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrincipalAxesTest {
  /** Rows spread 3, 2 and 0.1 along three orthonormal directions of a rotated 3-d space, centred at (5, -1, 2). */
  private static final double[][] DIRECTIONS = {{0.6, 0.8, 0}, {-0.8, 0.6, 0}, {0, 0, 1}};
  private static final double[] SPREAD = {3, 2, 0.1};

  private static float[][] rows(int n) {
    Random random = new Random(1);
    float[][] rows = new float[n][3];
    for (float[] r : rows) {
      double[] center = {5, -1, 2};
      for (int a = 0; a < 3; a++) {
        double t = random.nextGaussian() * SPREAD[a];
        for (int j = 0; j < 3; j++) center[j] += t * DIRECTIONS[a][j];
      }
      for (int j = 0; j < 3; j++) r[j] = (float) center[j];
    }
    return rows;
  }

  @Test
  void findsTheDirectionsOfLargestSpreadInOrder() {
    PrincipalAxes axes = PrincipalAxes.fit(rows(5000), 2, 7);
    assertEquals(2, axes.dimension());
    for (int a = 0; a < 2; a++) {
      double dot = 0;
      for (int j = 0; j < 3; j++) dot += axes.axes()[a][j] * DIRECTIONS[a][j];
      assertTrue(Math.abs(dot) > 0.99, "axis " + a + " is direction " + a + ", |cos| = " + Math.abs(dot));
      assertEquals(SPREAD[a], axes.scale()[a], 0.1);
    }
  }

  @Test
  void projectsOntoCoordinatesOfUnitSpread() {
    float[][] rows = rows(5000);
    float[][] z = PrincipalAxes.fit(rows, 2, 7).project(rows);
    for (int a = 0; a < 2; a++) {
      double sum = 0, squares = 0;
      for (float[] r : z) {
        sum += r[a];
        squares += r[a] * r[a];
      }
      assertEquals(0, sum / z.length, 1e-3);
      assertEquals(1, squares / z.length, 1e-3);
    }
  }

  @Test
  void neverAsksForMoreAxesThanColumns() {
    assertEquals(3, PrincipalAxes.fit(rows(100), 8, 7).dimension());
  }
}
