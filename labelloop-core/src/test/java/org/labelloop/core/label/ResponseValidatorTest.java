package org.labelloop.core.label;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.JsonInterface;

class ResponseValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEXT = "Yesterday John Snow met Arya in Winterfell.";

  private final JsonInterface iface =
      parse(
          """
          {"jobs": {
            "TOPIC": {"mlTask": "CLASSIFICATION", "required": 1, "content": {"input": "radio", "categories": {"SPORT": {}, "TECH": {}}}},
            "TAGS": {"mlTask": "CLASSIFICATION", "content": {"input": "checkbox", "categories": {"A": {}, "B": {}}}},
            "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"categories": {"PER": {}, "LOC": {}}}}}}
          """);

  private static JsonInterface parse(String json) {
    try {
      return JsonInterface.parse(JSON.readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void validate(String response) throws Exception {
    ResponseValidator.validate(iface, JSON.readTree(response), TEXT, true);
  }

  private String problemsOf(String response) {
    return assertThrows(LabelloopException.class, () -> validate(response)).details().toString();
  }

  @Test
  void acceptsValidClassificationAndEntities() {
    assertDoesNotThrow(
        () ->
            validate(
                """
                {"TOPIC": {"categories": [{"name": "SPORT"}]}, "TAGS": {"categories": [{"name": "A"}, {"name": "B"}]},
                 "NER": {"annotations": [{"categories": [{"name": "PER"}], "beginOffset": 10, "content": "John Snow"}]}}
                """));
  }

  @Test
  void rejectsUnknownJob() {
    assertTrue(problemsOf("{\"TOPIC\": {\"categories\": [{\"name\": \"SPORT\"}]}, \"X\": {}}").contains("X: unknown job"));
  }

  @Test
  void rejectsUnknownCategory() {
    assertTrue(problemsOf("{\"TOPIC\": {\"categories\": [{\"name\": \"NOPE\"}]}}").contains("unknown category 'NOPE'"));
  }

  @Test
  void rejectsTwoCategoriesInRadioJob() {
    assertTrue(problemsOf("{\"TOPIC\": {\"categories\": [{\"name\": \"SPORT\"}, {\"name\": \"TECH\"}]}}").contains("radio job takes one category"));
  }

  @Test
  void rejectsSpanOutsideText() {
    String problems =
        problemsOf(
            "{\"TOPIC\": {\"categories\": [{\"name\": \"SPORT\"}]}, \"NER\": {\"annotations\": [{\"categories\": [{\"name\": \"LOC\"}], \"beginOffset\": 40, \"content\": \"Winterfell\"}]}}");
    assertTrue(problems.contains("outside the text"), problems);
  }

  @Test
  void rejectsSpanWhoseContentDoesNotMatchText() {
    String problems =
        problemsOf(
            "{\"TOPIC\": {\"categories\": [{\"name\": \"SPORT\"}]}, \"NER\": {\"annotations\": [{\"categories\": [{\"name\": \"PER\"}], \"beginOffset\": 0, \"content\": \"John\"}]}}");
    assertTrue(problems.contains("does not match the text at 0"), problems);
  }

  @Test
  void rejectsMissingRequiredJobForHumanLabels() throws Exception {
    assertTrue(problemsOf("{\"TAGS\": {\"categories\": [{\"name\": \"A\"}]}}").contains("TOPIC: required"));
    assertDoesNotThrow(() -> ResponseValidator.validate(iface, JSON.readTree("{\"TAGS\": {\"categories\": []}}"), TEXT, false));
  }
}
