package org.labelloop.learn.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.ToyData;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.Candidate;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.learner.LinearSvmLearner;
import org.labelloop.learn.strategy.Strategies;

class SimulatorTest {
  private static List<CurvePoint> simulate(long seed) {
    TextDataset pool = ToyData.topics(30, 0.7, 1), test = ToyData.topics(20, 0.7, 2);
    List<String> texts = new ArrayList<>(pool.texts());
    texts.addAll(test.texts());
    List<Candidate> space = List.of(new Candidate(FeatureSpec.words(), new LinearSvmLearner(1)));
    Trainer t = (d, c, rows, unlabeled) -> new AutoMl(new AutoMlConfig(3, Duration.ofMinutes(1), seed, false, 1, space),
        Clock.systemUTC()).fit(d, c, rows, unlabeled, Progress.NONE).model();
    SimulationConfig cfg = new SimulationConfig(List.of("random", "margin"), seed, 6, 6, 30, 1);
    return Simulator.run(new TextReplay(pool, test, new FeatureCache(texts, null), t, false), cfg, Progress.NONE);
  }

  @Test
  void recordsOnePointPerRoundAndStrategyUpToTheBudget() {
    List<CurvePoint> pts = simulate(3);
    assertEquals(List.of(6, 12, 18, 24, 30),
        pts.stream().filter(p -> p.strategy().equals("margin")).map(CurvePoint::labels).toList());
    assertEquals(10, pts.size());
    assertEquals(pts.get(0).metric("accuracy"), pts.get(5).metric("accuracy"), "strategies share the initial set");
    assertTrue(pts.stream().allMatch(p -> p.metric("accuracy") >= 0 && p.metric("accuracy") <= 1));
    List<CurvePoint> margin = pts.stream().filter(p -> p.strategy().equals("margin")).toList();
    assertTrue(margin.get(margin.size() - 1).metric("accuracy") > 0.9, "learns the toy topics");
  }

  @Test
  void withEmbeddingsEveryStrategyButRandomStartsWithTheQueuesColdStartOrder() {
    TextDataset pool = ToyData.topics(30, 0.7, 1), test = ToyData.topics(5, 0.7, 2);
    List<String> texts = new ArrayList<>(pool.texts());
    texts.addAll(test.texts());
    FeatureCache cache = new FeatureCache(texts, new ToyData.TopicEmbedder());
    TextReplay replay = new TextReplay(pool, test, cache, (d, c, rows, unlabeled) -> { throw new AssertionError("no training"); }, true);
    int[] shared = {0, 3, 6, 9, 12, 15}; // one topic only: pool items cycle sport, tech, politics
    int[] margin = Simulator.start(replay, Strategies.named("margin"), shared, new SplittableRandom(4));
    int[] queue = Strategies.named("cold-start").select(replay.unscored(), Strategies.COLD_START_HEAD, new SplittableRandom(4));
    assertArrayEquals(Arrays.copyOf(queue, shared.length), margin);
    assertEquals(3, Arrays.stream(margin).map(i -> i % 3).distinct().count(), "the cold start spans the topics");
    assertArrayEquals(shared, Simulator.start(replay, Strategies.named("random"), shared, new SplittableRandom(4)));
  }

  @Test
  void isDeterministicForASeed() {
    assertEquals(simulate(5), simulate(5));
  }

  @Test
  void aulcIsMeanAccuracy() {
    assertEquals(0.5, Simulator.aulc(List.of(new CurvePoint("m", 0, 1, java.util.Map.of("accuracy", 0.4)),
        new CurvePoint("m", 0, 2, java.util.Map.of("accuracy", 0.6))), "accuracy"), 1e-12);
  }

  @Test
  void labelsToReachReadsTheCurveAveragedOverRepeats() {
    List<CurvePoint> curve = List.of(point(0, 10, 0.5), point(0, 20, 0.9), point(0, 30, 0.95),
        point(1, 10, 0.6), point(1, 20, 0.7), point(1, 30, 0.95));
    assertEquals(java.util.OptionalInt.of(30), Simulator.labelsToReach(curve, "accuracy", 0.85), "mean at 20 is 0.80");
    assertEquals(java.util.OptionalInt.of(20), Simulator.labelsToReach(curve, "accuracy", 0.8));
    assertTrue(Simulator.labelsToReach(curve, "accuracy", 0.96).isEmpty());
  }

  private static CurvePoint point(int repeat, int labels, double accuracy) {
    return new CurvePoint("m", repeat, labels, java.util.Map.of("accuracy", accuracy));
  }
}
