package org.labelloop.learn.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.simulate.CurvePoint;
import org.labelloop.learn.simulate.SimulationConfig;
import org.labelloop.learn.simulate.Simulator;
import org.labelloop.learn.tabular.ColumnType;

class MediaReplayTest {
  /** Three classes of wide vectors (600 dimensions, wider than a table's replay clusters) around their own centres. */
  private static float[][] vectors(List<String> labels, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = new float[3][600];
    for (int k = 0; k < 3; k++) for (int j = 0; j < 600; j++) centres[k][j] = (float) new SplittableRandom(k * 1000L + j).nextGaussian();
    float[][] x = new float[n][600];
    for (int i = 0; i < n; i++) {
      int k = i % 3;
      labels.add("c" + k);
      for (int j = 0; j < 600; j++) x[i][j] = (float) (0.4 * centres[k][j] + r.nextGaussian() + 5);
    }
    return x;
  }

  @Test
  void everyStrategyLearnsTheClassesAndTheClusteringOnesGetTheVectors() {
    List<String> labels = new ArrayList<>();
    float[][] x = vectors(labels, 240, 1);
    MediaReplay replay = new MediaReplay(x, labels, 180, MediaTable.space(3, 1), 1);
    List<String> strategies = List.of("random", "margin", "diverse", "cold-start");
    List<CurvePoint> points = Simulator.run(replay, new SimulationConfig(strategies, 5, 6, 6, 24, 1), Progress.NONE);
    for (String s : strategies) {
      CurvePoint last = points.stream().filter(p -> p.strategy().equals(s)).reduce((a, b) -> b).orElseThrow();
      assertEquals(24, last.labels());
      assertTrue(last.metric("accuracy") > 0.9, s + " " + last);
    }
    assertEquals(List.of("accuracy", "macro_f1", "ece", "certain"), replay.metrics());
  }

  @Test
  void columnsAreStandardisedOnTheFitRowsAndNumeric() {
    float[][] x = {{1, 10}, {3, 10}, {100, 0}};
    MediaTable t = MediaTable.of(x, new int[] {0, 1});
    assertEquals(List.of("v1", "v2"), t.table().names());
    assertEquals(-1f, t.standardised()[0][0], 1e-6);
    assertEquals(1f, t.standardised()[1][0], 1e-6);
    assertEquals(98f, t.standardised()[2][0], 1e-6);
    assertEquals(-10f, t.standardised()[2][1], 1e-6, "a constant column keeps its offset, unscaled");
    assertTrue(t.schema().features().stream().allMatch(c -> c.type() == ColumnType.NUMERIC));
    assertEquals(Float.toString(t.standardised()[2][0]), t.table().value(2, 0));
    assertEquals(3, IntStream.range(0, 3).filter(i -> t.table().rows().get(i).size() == 2).count());
  }
}
