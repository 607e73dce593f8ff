package org.labelloop.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.quality.Agreement.Box;
import org.labelloop.core.quality.Agreement.Span;

class AgreementTest {
  private static final ObjectMapper M = new ObjectMapper();

  static JsonNode json(String s) {
    try {
      return M.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final JsonInterface IFACE = JsonInterface.parse(json("""
      {"jobs": {
        "TOPIC": {"mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {"A": {}, "B": {}}}},
        "TAGS": {"mlTask": "CLASSIFICATION", "content": {"input": "checkbox", "categories": {"X": {}, "Y": {}, "Z": {}}}},
        "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"categories": {"PER": {}, "ORG": {}}}},
        "BOXES": {"mlTask": "OBJECT_DETECTION", "content": {"categories": {"CAR": {}, "DOG": {}}}}}}"""));

  private static String box(String cat, double x0, double y0, double x1, double y1) {
    return """
        {"categories": [{"name": "%s"}], "type": "rectangle", "boundingPoly": [{"normalizedVertices": [
          {"x": %s, "y": %s}, {"x": %s, "y": %s}, {"x": %s, "y": %s}, {"x": %s, "y": %s}]}]}"""
        .formatted(cat, x0, y1, x0, y0, x1, y0, x1, y1);
  }

  @Test
  void singleChoiceIsOneOrZero() {
    assertEquals(1.0, Agreement.mark(IFACE, json("{\"TOPIC\": {\"categories\": [{\"name\": \"A\"}]}}"),
        json("{\"TOPIC\": {\"categories\": [{\"name\": \"A\"}]}}")));
    assertEquals(0.0, Agreement.mark(IFACE, json("{\"TOPIC\": {\"categories\": [{\"name\": \"A\"}]}}"),
        json("{\"TOPIC\": {\"categories\": [{\"name\": \"B\"}]}}")));
  }

  @Test
  void multiLabelIsJaccard() {
    assertEquals(1.0 / 3, Agreement.jaccard(Set.of("X", "Y"), Set.of("Y", "Z")), 1e-12);
  }

  @Test
  void unansweredJobsAreLeftOutOfTheMean() {
    assertNull(Agreement.mark(IFACE, json("{}"), json("{}")));
    JsonNode a = json("{\"TOPIC\": {\"categories\": [{\"name\": \"A\"}]}, \"TAGS\": {\"categories\": [{\"name\": \"X\"}]}}");
    JsonNode b = json("{\"TOPIC\": {\"categories\": [{\"name\": \"B\"}]}, \"TAGS\": {\"categories\": [{\"name\": \"X\"}]}}");
    assertEquals(0.5, Agreement.mark(IFACE, a, b), 1e-12);
  }

  @Test
  void nerExactSpanF1CountsOnlyIdenticalSpans() {
    List<Span> a = List.of(new Span("PER", 0, 3), new Span("ORG", 10, 3));
    List<Span> b = List.of(new Span("PER", 0, 3), new Span("PER", 10, 3));
    assertEquals(0.5, Agreement.spanF1(a, b), 1e-12);
    assertEquals(0.0, Agreement.spanF1(List.of(new Span("PER", 0, 10)), List.of(new Span("PER", 0, 5))));
  }

  @Test
  void nerOverlapGivesPartialCreditForBoundaryMisses() {
    // PER [0,10) vs PER [0,5): character IoU 0.5, one span each side -> F1 0.5
    assertEquals(0.5, Agreement.overlapF1(List.of(new Span("PER", 0, 10)), List.of(new Span("PER", 0, 5))), 1e-12);
    // a different category gets no credit however much it overlaps
    assertEquals(0.0, Agreement.overlapF1(List.of(new Span("PER", 0, 10)), List.of(new Span("ORG", 0, 10))), 1e-12);
    JsonNode a = json("{\"NER\": {\"annotations\": [{\"categories\": [{\"name\": \"PER\"}], \"beginOffset\": 0, \"content\": \"Ada Lovelace\"}]}}");
    JsonNode b = json("{\"NER\": {\"annotations\": [{\"categories\": [{\"name\": \"PER\"}], \"beginOffset\": 0, \"content\": \"Ada\"}]}}");
    assertEquals(0.0, Agreement.mark(IFACE, a, b, false), 1e-12);
    assertEquals(0.25, Agreement.mark(IFACE, a, b, true), 1e-12);
  }

  @Test
  void boxesMatchFromIouOneHalf() {
    Box unit = new Box("CAR", 0, 0, 1, 1);
    assertEquals(0.5, unit.iou(new Box("CAR", 0, 0, 1, 0.5)), 1e-12); // exactly at the threshold: a match
    assertEquals(1.0, Agreement.boxF1(List.of(unit), List.of(new Box("CAR", 0, 0, 1, 0.5))), 1e-12);
    assertEquals(0.0, Agreement.boxF1(List.of(unit), List.of(new Box("CAR", 0, 0, 1, 0.4))), 1e-12); // IoU 0.4
    assertEquals(0.0, Agreement.boxF1(List.of(unit), List.of(new Box("DOG", 0, 0, 1, 1))), 1e-12); // wrong category
  }

  @Test
  void eachBoxMatchesAtMostOneOtherBox() {
    // two near-identical predictions of one gold box: one true positive, one false positive -> P 1/2, R 1, F1 2/3
    List<Box> gold = List.of(new Box("CAR", 0, 0, 1, 1));
    List<Box> pred = List.of(new Box("CAR", 0, 0, 1, 0.9), new Box("CAR", 0, 0, 0.9, 1));
    assertEquals(2.0 / 3, Agreement.boxF1(gold, pred), 1e-12);
  }

  @Test
  void objectDetectionJsonIsReadFromKiliBoundingPolys() {
    JsonNode a = json("{\"BOXES\": {\"annotations\": [" + box("CAR", 0.1, 0.1, 0.5, 0.5) + "," + box("DOG", 0.6, 0.6, 0.9, 0.9) + "]}}");
    JsonNode b = json("{\"BOXES\": {\"annotations\": [" + box("CAR", 0.12, 0.1, 0.5, 0.52) + "]}}");
    assertEquals(2, Agreement.boxes(a.get("BOXES")).size());
    // one match of two gold, one predicted: P 1, R 1/2, F1 2/3
    assertEquals(2.0 / 3, Agreement.mark(IFACE, a, b), 1e-12);
  }
}
