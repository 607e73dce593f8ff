package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.strategy.Strategies;

class ColdStartOrderTest {
  /** Ten points near each of three unit vectors, cluster after cluster (the import order). */
  static float[][] threeTopics() {
    SplittableRandom r = new SplittableRandom(3);
    float[][] x = new float[30][];
    for (int i = 0; i < 30; i++) {
      x[i] = new float[8];
      x[i][i / 10] = 1;
      for (int d = 0; d < 8; d++) x[i][d] += (float) (0.05 * r.nextGaussian());
    }
    return x;
  }

  @Test
  void theHighestScoresSpanTheTopicsAndEveryScoreIsPositive() {
    double[] s = ColdStartOrder.scores(threeTopics(), Strategies.COLD_START_HEAD, 42);
    int[] order = IntStream.range(0, s.length).boxed().sorted(Comparator.comparingDouble(i -> -s[i])).mapToInt(i -> i).toArray();
    Set<Integer> topics = new HashSet<>();
    for (int k = 0; k < 3; k++) topics.add(order[k] / 10);
    assertEquals(3, topics.size(), Arrays.toString(order));
    assertEquals(1.0, s[order[0]]);
    assertTrue(Arrays.stream(s).allMatch(v -> v > 0 && v <= 1));
  }

  @Test
  void theOrderIsSeeded() {
    assertArrayEquals(ColdStartOrder.scores(threeTopics(), 5, 7), ColdStartOrder.scores(threeTopics(), 5, 7));
  }
}
