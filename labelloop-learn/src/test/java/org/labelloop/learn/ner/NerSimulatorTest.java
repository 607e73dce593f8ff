package org.labelloop.learn.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NerSimulatorTest {
  @Test
  void producesOnePointPerStepPerStrategyFromTheSameInitialSet() {
    List<NerSimulator.Point> seen = new ArrayList<>();
    List<NerSimulator.Point> points = new NerSimulator(NerTrainingConfig.defaults(1).withEpochs(5)).run(
        SyntheticData.corpus(120, 8), SyntheticData.corpus(40, 9), List.of("random", "least-confidence"),
        10, 10, 30, 3, (p, done, total) -> seen.add(p));
    assertEquals(6, points.size());
    assertEquals(points, seen);
    assertEquals(List.of(10, 20, 30, 10, 20, 30), points.stream().map(NerSimulator.Point::sentences).toList());
    assertEquals(points.get(0).scores(), points.get(3).scores(), "same initial set, same seed");
    assertTrue(points.get(5).scores().overall().f1() > 0.5);
  }
}
