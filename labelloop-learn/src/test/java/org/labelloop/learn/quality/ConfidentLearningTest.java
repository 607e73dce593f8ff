package org.labelloop.learn.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidentLearningTest {
  @Test
  void thresholdIsTheMeanSelfConfidencePerClass() {
    int[] labels = {0, 0, 1};
    double[][] p = {{0.9, 0.1}, {0.7, 0.3}, {0.4, 0.6}};
    assertArrayEquals(new double[] {0.8, 0.6}, ConfidentLearning.thresholds(labels, p), 1e-12);
  }

  @Test
  void flagsALabelWhoseClassIsUnlikelyWhileAnotherIsConfident() {
    int[] labels = {0, 0, 0, 1, 1, 0};
    double[][] p = {{0.9, 0.1}, {0.8, 0.2}, {0.85, 0.15}, {0.2, 0.8}, {0.3, 0.7}, {0.1, 0.9}};
    List<SuspectedLabel> suspects = ConfidentLearning.suspects(labels, p);
    assertEquals(1, suspects.size());
    assertEquals(new SuspectedLabel(5, 0, 1, 0.8), suspects.getFirst());
  }

  @Test
  void perClassThresholdsCatchErrorsInAHardClassThatAFixedCutWouldMiss() {
    // class 2 is hard: the model is never above 0.45 on it, yet example 4 is clearly more class 2 than its label 0
    int[] labels = {2, 2, 2, 0, 0, 0};
    double[][] p = {{0.3, 0.3, 0.4}, {0.3, 0.25, 0.45}, {0.35, 0.25, 0.4}, {0.9, 0.05, 0.05}, {0.3, 0.28, 0.42}, {0.8, 0.1, 0.1}};
    List<SuspectedLabel> suspects = ConfidentLearning.suspects(labels, p);
    assertEquals(List.of(4), suspects.stream().map(SuspectedLabel::index).toList());
    assertEquals(2, suspects.getFirst().suggested());
  }

  @Test
  void ranksTheMostSuspiciousFirst() {
    int[] labels = {0, 0, 0, 0, 1, 1, 1, 1};
    double[][] p = {
      {0.95, 0.05}, {0.9, 0.1}, {0.05, 0.95}, {0.3, 0.7}, {0.1, 0.9}, {0.05, 0.95}, {0.2, 0.8}, {0.99, 0.01}
    };
    List<SuspectedLabel> suspects = ConfidentLearning.suspects(labels, p);
    assertEquals(List.of(7, 2, 3), suspects.stream().map(SuspectedLabel::index).toList());
    assertTrue(suspects.get(0).margin() >= suspects.get(1).margin());
  }
}
