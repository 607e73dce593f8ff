package org.labelloop.learn.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColdStartTest {
  /** {@code perCluster} points around each of three far-apart centres, cluster after cluster. */
  static float[][] threeClusters(int perCluster, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = {{10, 0, 0}, {0, 10, 0}, {0, 0, 10}};
    float[][] x = new float[3 * perCluster][];
    for (int i = 0; i < x.length; i++) {
      float[] c = centres[i / perCluster];
      x[i] = new float[] {c[0] + (float) r.nextGaussian(), c[1] + (float) r.nextGaussian(), c[2] + (float) r.nextGaussian()};
    }
    return x;
  }

  @Test
  void farthestFirstVisitsEveryPointTakingTheFarthestNext() {
    float[][] x = {{0}, {1}, {10}, {4}};
    assertArrayEquals(new int[] {1, 2, 3, 0}, FarthestFirst.order(x, 1));
  }

  @Test
  void anyFirstThreeOfTheSeedBatchComeFromThreeClusters() {
    for (long seed = 1; seed <= 20; seed++) {
      float[][] x = threeClusters(30, seed);
      int[] picked = Strategies.named("cold-start").select(Candidates.unscored(x.length, x), 10, new SplittableRandom(seed));
      assertEquals(10, picked.length);
      Set<Integer> clusters = new HashSet<>();
      for (int k = 0; k < 3; k++) clusters.add(picked[k] / 30);
      assertEquals(3, clusters.size(), "seed " + seed);
    }
  }
}
