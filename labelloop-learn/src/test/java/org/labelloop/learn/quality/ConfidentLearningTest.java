package org.labelloop.learn.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  @Test
  void binomialTailMatchesAHandComputedValue() {
    assertEquals(0.0546875, ConfidentLearning.upperTail(10, 8, 0.5), 1e-12); // (45 + 10 + 1) / 1024
    assertEquals(1.0, ConfidentLearning.upperTail(10, 0, 0.3), 1e-12);
  }

  @Test
  void suspectsNeedModelsThatBeatTheMajorityClass() {
    // 13 of 20 right with classes 10/10: within chance of a coin (p = 0.13); 18 of 20 is not (p = 0.0002)
    int[] labels = new int[20];
    double[][] weak = new double[20][];
    double[][] strong = new double[20][];
    for (int i = 0; i < 20; i++) {
      labels[i] = i % 2;
      weak[i] = (i < 13) == (labels[i] == 0) ? new double[] {0.6, 0.4} : new double[] {0.4, 0.6};
      strong[i] = (i < 18) == (labels[i] == 0) ? new double[] {0.9, 0.1} : new double[] {0.1, 0.9};
    }
    assertFalse(ConfidentLearning.learnedMoreThanTheMajority(labels, weak));
    assertTrue(ConfidentLearning.learnedMoreThanTheMajority(labels, strong));
  }
}
