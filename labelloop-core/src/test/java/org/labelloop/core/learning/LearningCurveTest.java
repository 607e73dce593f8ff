package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.LearningRepository.ForwardPair;

class LearningCurveTest {
  private static ModelVersion v(int n, double cv, Double changed) {
    return new ModelVersion("p", n, ModelVersion.name(n), "j" + n, "JOB_0", Instant.EPOCH, 10 * n, 0, 1, cv, cv, changed, 100,
        "h", JsonNodeFactory.instance.objectNode());
  }

  private static ForwardPair pair(int version, String predicted, String human) {
    return new ForwardPair("a", ModelVersion.name(version),
        InferenceMarksTest.json("{\"JOB_0\": {\"categories\": [{\"name\": \"" + predicted + "\"}]}}"),
        InferenceMarksTest.json("{\"JOB_0\": {\"categories\": [{\"name\": \"" + human + "\"}]}}"));
  }

  @Test
  void forwardAccuracyCountsLaterHumanLabelsPerVersion() {
    List<ForwardPair> pairs = List.of(pair(1, "A", "A"), pair(1, "A", "B"), pair(2, "B", "B"));
    LearningCurve c = LearningCurve.of(List.of(v(1, 0.7, null), v(2, 0.8, 0.1)), pairs);
    assertEquals(0.5, c.points().get(0).forwardAccuracy());
    assertEquals(2, c.points().get(0).forwardCount());
    assertEquals(1.0, c.points().get(1).forwardAccuracy());
    assertFalse(c.hint().stable());
  }

  @Test
  void stableForwardAccuracyAndFewChangesGiveTheStoppingHint() {
    List<ModelVersion> versions = List.of(v(1, 0.6, null), v(2, 0.9, 0.01), v(3, 0.9, 0.01), v(4, 0.91, 0.02));
    List<ForwardPair> pairs = new ArrayList<>();
    for (int version = 2; version <= 4; version++) {
      for (int i = 0; i < 10; i++) pairs.add(pair(version, "A", i == 0 ? "B" : "A"));
    }
    LearningCurve c = LearningCurve.of(versions, pairs);
    assertTrue(c.hint().stable(), c.hint().message());
    assertTrue(c.hint().message().startsWith("More labels are unlikely to help much"));
  }

  @Test
  void manyChangedPredictionsMeanStillLearning() {
    List<ModelVersion> versions = List.of(v(1, 0.6, null), v(2, 0.9, 0.2), v(3, 0.9, 0.01), v(4, 0.9, 0.01));
    assertFalse(LearningCurve.of(versions, List.of()).hint().stable());
  }
}
