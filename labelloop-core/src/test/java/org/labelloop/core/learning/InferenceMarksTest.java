package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.InferenceMarks.Span;
import org.labelloop.core.project.JsonInterface;

class InferenceMarksTest {
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
        "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"categories": {"PER": {}, "ORG": {}}}}}}"""));

  private static String cats(String job, String... names) {
    StringBuilder b = new StringBuilder("\"" + job + "\": {\"categories\": [");
    for (int i = 0; i < names.length; i++) b.append(i == 0 ? "" : ",").append("{\"name\": \"").append(names[i]).append("\"}");
    return b.append("]}").toString();
  }

  @Test
  void singleChoiceScoresOneOrZero() {
    assertEquals(1.0, InferenceMarks.mark(IFACE, json("{" + cats("TOPIC", "A") + "}"), json("{" + cats("TOPIC", "A") + "}")));
    assertEquals(0.0, InferenceMarks.mark(IFACE, json("{" + cats("TOPIC", "A") + "}"), json("{" + cats("TOPIC", "B") + "}")));
  }

  @Test
  void multiChoiceScoresJaccard() {
    assertEquals(1.0 / 3, InferenceMarks.mark(IFACE, json("{" + cats("TAGS", "X", "Y") + "}"), json("{" + cats("TAGS", "Y", "Z") + "}")), 1e-9);
  }

  @Test
  void severalJobsAverage() {
    JsonNode human = json("{" + cats("TOPIC", "A") + "," + cats("TAGS", "X") + "}");
    JsonNode model = json("{" + cats("TOPIC", "B") + "," + cats("TAGS", "X") + "}");
    assertEquals(0.5, InferenceMarks.mark(IFACE, human, model), 1e-9);
  }

  @Test
  void nerScoresExactSpanF1() {
    JsonNode human = json("""
        {"NER": {"annotations": [
          {"categories": [{"name": "PER"}], "beginOffset": 0, "content": "Ada"},
          {"categories": [{"name": "ORG"}], "beginOffset": 10, "content": "IBM"}]}}""");
    JsonNode model = json("""
        {"NER": {"annotations": [
          {"categories": [{"name": "PER"}], "beginOffset": 0, "content": "Ada"},
          {"categories": [{"name": "PER"}], "beginOffset": 10, "content": "IBM"}]}}""");
    assertEquals(0.5, InferenceMarks.mark(IFACE, human, model), 1e-9);
  }

  @Test
  void overlapGivesPartialCreditForBoundaryMisses() {
    List<Span> gold = List.of(new Span("PER", 0, 10));
    List<Span> pred = List.of(new Span("PER", 0, 5));
    assertEquals(0.0, InferenceMarks.spanF1(gold, pred));
    assertEquals(0.5, InferenceMarks.overlapF1(gold, pred), 1e-9);
  }

  @Test
  void nothingComparableIsNull() {
    assertNull(InferenceMarks.mark(IFACE, json("{}"), json("{}")));
  }
}
