package org.labelloop.learn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AveragePrecisionTest {
  private static Detection box(String label, double score, double x) { return new Detection(label, score, x, 0, 10, 10); }

  @Test void perfectDetectionsScoreOne() {
    Map<String, List<Detection>> truth = Map.of("a", List.of(box("dog", 1, 0)), "b", List.of(box("cat", 1, 50)));
    assertEquals(1.0, AveragePrecision.mean(truth, Map.of("a", List.of(box("dog", 0.9, 1)), "b", List.of(box("cat", 0.8, 50))), 0.5), 1e-12);
  }

  @Test void rankedFalsePositivesAndDuplicatesLowerThePrecisionEnvelope() {
    // two dogs; ranked: hit (P 1, R .5), duplicate of it (false), miss elsewhere (false), second dog hit (P .5, R 1)
    Map<String, List<Detection>> truth = Map.of("a", List.of(box("dog", 1, 0), box("dog", 1, 100)));
    Map<String, List<Detection>> found = Map.of("a", List.of(box("dog", 0.9, 0), box("dog", 0.8, 1), box("dog", 0.7, 300), box("dog", 0.6, 100)));
    assertEquals(0.5 * 1 + 0.5 * 0.5, AveragePrecision.mean(truth, found, 0.5), 1e-12);
  }

  @Test void averagesOverClassesWithGroundTruthAndCountsMissedClassesAsZero() {
    Map<String, List<Detection>> truth = Map.of("a", List.of(box("dog", 1, 0), box("cat", 1, 50)));
    Map<String, List<Detection>> found = Map.of("a", List.of(box("dog", 0.9, 0), box("bird", 0.9, 50)));
    assertEquals(0.5, AveragePrecision.mean(truth, found, 0.5), 1e-12);
  }

  @Test void equalBoxesInDifferentImagesAreDifferentObjects() {
    Map<String, List<Detection>> truth = Map.of("a", List.of(box("dog", 1, 0)), "b", List.of(box("dog", 1, 0)));
    Map<String, List<Detection>> found = Map.of("a", List.of(box("dog", 0.9, 0)), "b", List.of(box("dog", 0.8, 0)));
    assertEquals(1.0, AveragePrecision.mean(truth, found, 0.5), 1e-12);
  }

  @Test void aBoxOverlappingLessThanTheThresholdIsAMiss() {
    Map<String, List<Detection>> truth = Map.of("a", List.of(box("dog", 1, 0)));
    assertEquals(0.0, AveragePrecision.mean(truth, Map.of("a", List.of(box("dog", 0.9, 6))), 0.5), 1e-12);
    assertEquals(1.0, AveragePrecision.mean(truth, Map.of("a", List.of(box("dog", 0.9, 6))), 0.25), 1e-12);
  }
}
