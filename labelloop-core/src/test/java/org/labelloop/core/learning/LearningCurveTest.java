package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.LearningRepository.ForwardPair;
import org.labelloop.core.project.JsonInterface;

class LearningCurveTest {
  private static final JsonInterface IFACE = JsonInterface.parse(InferenceMarksTest.json("""
      {"jobs": {
        "JOB_0": {"mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {"A": {}, "B": {}}}},
        "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"categories": {"PER": {}, "ORG": {}}}}}}"""));

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
    LearningCurve c = LearningCurve.of(IFACE, List.of(v(1, 0.7, null), v(2, 0.8, 0.1)), pairs);
    assertEquals(0.5, c.points().get(0).forwardAccuracy());
    assertEquals(2, c.points().get(0).forwardCount());
    assertEquals(1.0, c.points().get(1).forwardAccuracy());
    assertFalse(c.hint().stable());
  }

  @Test
  void forecastsTheLabelsStillWorthGivingFromThreeLabelCountsOn() {
    List<ModelVersion> rising = List.of(v(1, 0.6, null), v(2, 0.75, 0.2), v(3, 0.82, 0.1), v(4, 0.86, 0.05), v(5, 0.88, 0.04));
    var f = LearningCurve.of(IFACE, rising, List.of()).forecast();
    assertEquals(50, f.labels());
    assertTrue(f.ceiling() > 0.88 && f.ceiling() <= 1, f.toString());
    assertTrue(f.moreLabels() > 0 && f.moreLow() <= f.moreLabels() && f.moreLabels() <= f.moreHigh(), f.toString());
    assertTrue(f.gainPerLabel() > 0 && f.gainPerLabel() < 0.02, "points per label shrink: " + f);
    assertNull(LearningCurve.of(IFACE, rising.subList(0, 2), List.of()).forecast(), "two label counts fit no curve");
  }

  @Test
  void forwardAccuracyOfAnEntityModelIsTheMeanSpanF1() {
    ModelVersion ner = new ModelVersion("p", 1, "v1", "j1", "NER", Instant.EPOCH, 10, 0, 1, null, null, null, 100, "h",
        JsonNodeFactory.instance.objectNode().put("cvEntityF1", 0.6));
    String ann = "{\"NER\": {\"annotations\": [{\"categories\": [{\"name\": \"PER\"}], \"beginOffset\": 0, \"content\": \"Ann\"}";
    String two = ann + ", {\"categories\": [{\"name\": \"ORG\"}], \"beginOffset\": 8, \"content\": \"Acme\"}]}}";
    List<ForwardPair> pairs = List.of(
        new ForwardPair("a", "v1", InferenceMarksTest.json(ann + "]}}"), InferenceMarksTest.json(ann + "]}}")), // F1 1
        new ForwardPair("b", "v1", InferenceMarksTest.json(ann + "]}}"), InferenceMarksTest.json(two))); // P 1, R 1/2: F1 2/3
    LearningCurve.Point p = LearningCurve.of(IFACE, List.of(ner), pairs).points().getFirst();
    assertEquals((1 + 2.0 / 3) / 2, p.forwardAccuracy(), 1e-9);
    assertEquals(0.6, p.cvEntityF1());
  }

  @Test
  void stableForwardAccuracyAndFewChangesGiveTheStoppingHint() {
    List<ModelVersion> versions = List.of(v(1, 0.6, null), v(2, 0.9, 0.01), v(3, 0.9, 0.01), v(4, 0.91, 0.02));
    List<ForwardPair> pairs = new ArrayList<>();
    for (int version = 2; version <= 4; version++) {
      for (int i = 0; i < 10; i++) pairs.add(pair(version, "A", i == 0 ? "B" : "A"));
    }
    LearningCurve c = LearningCurve.of(IFACE, versions, pairs);
    assertTrue(c.hint().stable(), c.hint().message());
    assertTrue(c.hint().message().startsWith("More labels are unlikely to help much"));
  }

  @Test
  void manyChangedPredictionsMeanStillLearning() {
    List<ModelVersion> versions = List.of(v(1, 0.6, null), v(2, 0.9, 0.2), v(3, 0.9, 0.01), v(4, 0.9, 0.01));
    assertFalse(LearningCurve.of(IFACE, versions, List.of()).hint().stable());
  }

  @Test
  void aDropIsNeverCalledImproving() {
    List<ModelVersion> versions = List.of(v(1, 0.7, null), v(2, 1.0, 0.2), v(3, 0.8, 0.1), v(4, 0.6, 0.1));
    LearningCurve.Hint hint = LearningCurve.of(IFACE, versions, List.of()).hint();
    assertFalse(hint.stable());
    assertTrue(hint.message().startsWith("Accuracy dropped") && hint.message().contains("100 % at 20 labels to 60 % at 40 labels"),
        hint.message());
  }

  @Test
  void versionsSharingALabelCountCountOnceAndTheNewestSpeaks() {
    ModelVersion first = v(1, 0.6, null);
    ModelVersion retrained = new ModelVersion("p", 2, "v2", "j2", "JOB_0", Instant.EPOCH, 10, 0, 1, 0.9, 0.9, 0.01, 100, "h",
        JsonNodeFactory.instance.objectNode());
    List<LearningCurve.Point> points = LearningCurve.of(IFACE, List.of(first, retrained), List.of()).points();
    List<LearningCurve.Point> perCount = LearningCurve.newestPerLabelCount(points);
    assertEquals(1, perCount.size());
    assertEquals("v2", perCount.getFirst().modelVersion());
    assertTrue(LearningCurve.of(IFACE, List.of(first, retrained), List.of()).hint().message().contains("1 of 4"));
  }

  @Test
  void crossValidatedFiguresSayHowManyLabelsTheyWereMeasuredOn() {
    var card = JsonNodeFactory.instance.objectNode();
    card.putObject("confusionMatrix").set("matrix", InferenceMarksTest.json("[[2, 1], [0, 1]]"));
    ModelVersion oneFold = new ModelVersion("p", 1, "v1", "j1", "JOB_0", Instant.EPOCH, 20, 0, 1, 0.75, 0.7, null, 100, "h", card);
    assertEquals(4, LearningCurve.of(IFACE, List.of(oneFold), List.of()).points().getFirst().cvItems());
    assertEquals(null, LearningCurve.of(IFACE, List.of(v(1, 0.7, null)), List.of()).points().getFirst().cvItems());
  }
}
