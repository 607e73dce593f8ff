package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UncertaintyTest {
  private static final double[][] P = {{0.9, 0.1, 0.0}, {0.5, 0.4, 0.1}, {0.34, 0.33, 0.33}};

  @Test
  void marginIsHighestForTheClosestTopTwo() {
    double[] s = Uncertainty.scores(Strategy.MARGIN, P, 1);
    assertEquals(0.2, s[0], 1e-9);
    assertEquals(0.9, s[1], 1e-9);
    assertEquals(0.99, s[2], 1e-9);
  }

  @Test
  void leastConfidenceAndEntropyRankTheFlatDistributionFirst() {
    double[] lc = Uncertainty.scores(Strategy.LEAST_CONFIDENCE, P, 1);
    double[] h = Uncertainty.scores(Strategy.ENTROPY, P, 1);
    assertTrue(lc[2] > lc[1] && lc[1] > lc[0]);
    assertTrue(h[2] > h[1] && h[1] > h[0]);
    assertEquals(1.0, Uncertainty.entropy(new double[] {0.5, 0.5}), 1e-9);
  }

  @Test
  void randomIsSeeded() {
    assertArrayEquals(Uncertainty.scores(Strategy.RANDOM, P, 7), Uncertainty.scores(Strategy.RANDOM, P, 7));
  }

  @Test
  void diverseMixesPredictedClassesAtTheTop() {
    double[][] p = new double[30][];
    for (int i = 0; i < 20; i++) p[i] = new double[] {0.55, 0.45}; // uncertain class-0 cases
    for (int i = 20; i < 30; i++) p[i] = new double[] {0.3, 0.7}; // less uncertain class-1 cases
    double[] s = Uncertainty.scores(Strategy.DIVERSE, p, 1);
    int best1 = 20;
    long class0Above = java.util.stream.IntStream.range(0, 20).filter(i -> s[i] > s[best1]).count();
    assertTrue(class0Above < 20, "some class-1 asset is served before the last class-0 one");
  }
}
