package org.labelloop.learn.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.simulate.CurvePoint;
import org.labelloop.learn.simulate.SimulationConfig;
import org.labelloop.learn.simulate.Simulator;

class NerReplayTest {
  @Test
  void producesOnePointPerRoundPerStrategyFromTheSameInitialSet() {
    NerReplay replay = new NerReplay(SyntheticData.corpus(120, 8), SyntheticData.corpus(40, 9),
        NerTrainingConfig.defaults(1).withEpochs(5), null);
    List<CurvePoint> points = Simulator.run(replay, new SimulationConfig(List.of("random", "least-confidence"), 3, 10, 10, 30, 1),
        Progress.NONE);
    assertEquals(List.of(10, 20, 30, 10, 20, 30), points.stream().map(CurvePoint::labels).toList());
    assertEquals(List.of("random", "random", "random", "least-confidence", "least-confidence", "least-confidence"),
        points.stream().map(CurvePoint::strategy).toList());
    assertEquals(points.get(0).metric("f1"), points.get(3).metric("f1"), "same initial set, same seed");
    assertTrue(points.get(5).metric("f1") > 0.5);
  }
}
