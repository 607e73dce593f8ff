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

  @Test
  void multiLabelScoresTheClassNearestItsOwnThreshold() {
    double[] thresholds = {0.5, 0.2};
    double[][] p = {{0.95, 0.9}, {0.5, 0.9}, {0.9, 0.25}, {0.05, 0.01}};
    double[] s = Uncertainty.multiLabel(Strategy.MARGIN, p, thresholds, 1);
    assertEquals(1.0, s[1], 1e-9, "on a threshold");
    assertTrue(s[2] > s[0] && s[0] > s[3], java.util.Arrays.toString(s));
  }

  @Test
  void diverseOnEmbeddingsHeadsTheQueueWithOneAssetPerRegion() {
    double[][] p = new double[40][];
    float[][] v = new float[40][];
    for (int i = 0; i < 40; i++) {
      p[i] = new double[] {0.52 + i * 1e-3, 0.48 - i * 1e-3}; // the lower the index, the more uncertain
      v[i] = new float[] {i < 15 ? 1 : 0, i < 15 ? 0 : 1}; // 15 near-duplicates, then 25 of another kind
    }
    double[] s = Uncertainty.scores(Strategy.DIVERSE, p, v, 2, 1);
    int[] top = java.util.stream.IntStream.range(0, 40).boxed().sorted((a, b) -> Double.compare(s[b], s[a])).limit(2)
        .mapToInt(Integer::intValue).toArray();
    assertTrue(top[0] < 15 != top[1] < 15, "the first two come from both regions: " + java.util.Arrays.toString(top));
    assertArrayEquals(Uncertainty.scores(Strategy.DIVERSE, p, 1), Uncertainty.scores(Strategy.DIVERSE, p, null, 2, 1),
        "without embeddings it mixes predicted classes as before");
  }
}
