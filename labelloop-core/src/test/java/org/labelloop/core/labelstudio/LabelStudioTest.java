package org.labelloop.core.labelstudio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.LabelStudioResults;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;

class LabelStudioTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonInterface IFACE = iface("""
      {"jobs": {
        "TOPIC": {"mlTask": "CLASSIFICATION", "required": 1, "content": {"input": "radio", "categories": {"SPORT": {"name": "Sport"}, "FOOD": {"name": "Food"}}}},
        "TAGS": {"mlTask": "CLASSIFICATION", "required": 0, "content": {"input": "checkbox", "categories": {"A": {"name": "A & B"}, "C": {"name": "C"}}}},
        "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "required": 0, "content": {"input": "radio", "categories": {"PER": {"name": "Person"}}}}}}""");
  private static final JsonInterface BOXES = iface("""
      {"jobs": {"BOX": {"mlTask": "OBJECT_DETECTION", "required": 0, "content": {"input": "radio", "categories": {"CAR": {"name": "Car"}}}}}}""");

  private static JsonInterface iface(String json) {
    try {
      return JsonInterface.parse(JSON.readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void interfaceBecomesALabelingConfigWithCategoryIdsAsAliases() {
    String xml = LabelConfig.toXml(InputType.TEXT, IFACE);
    assertTrue(xml.contains("<Text name=\"text\" value=\"$text\"/>"), xml);
    assertTrue(xml.contains("<Choices name=\"TOPIC\" toName=\"text\" choice=\"single\" required=\"true\">"), xml);
    assertTrue(xml.contains("<Choice value=\"Sport\" alias=\"SPORT\"/>"), xml);
    assertTrue(xml.contains("<Choices name=\"TAGS\" toName=\"text\" choice=\"multiple\">"), xml);
    assertTrue(xml.contains("<Choice value=\"A &amp; B\" alias=\"A\"/>"), xml);
    assertTrue(xml.contains("<Labels name=\"NER\" toName=\"text\">"), xml);
    assertEquals(List.of(), LabelConfig.differences(IFACE, xml), "its own config fits");
    assertTrue(LabelConfig.toXml(InputType.IMAGE, BOXES).contains("<RectangleLabels name=\"BOX\" toName=\"image\">"));
  }

  @Test
  void differencesNameUnknownControlsAndChoices() {
    String xml = "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"TOPIC\" toName=\"text\"><Choice value=\"Sport\"/>"
        + "<Choice value=\"Music\"/></Choices><Choices name=\"mood\" toName=\"text\"><Choice value=\"x\"/></Choices></View>";
    List<String> problems = LabelConfig.differences(IFACE, xml);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("[Music]"), problems.toString());
    assertTrue(problems.get(1).contains("'mood'"), problems.toString());
  }

  @Test
  void refusesADoctypeSoNoEntityIsExpanded() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE v [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><View>&x;</View>";
    LabelloopException e = assertThrows(LabelloopException.class, () -> LabelConfig.differences(IFACE, xxe));
    assertTrue(e.getMessage().startsWith("schema: not a Label Studio labeling config"), e.getMessage());
  }

  @Test
  void resultsRoundTripThroughKilisShape() throws Exception {
    String text = "Ann cooks pasta";
    JsonNode results = json("""
        [{"from_name": "TOPIC", "to_name": "text", "type": "choices", "value": {"choices": ["FOOD"]}},
         {"from_name": "TAGS", "to_name": "text", "type": "choices", "value": {"choices": ["A", "C"]}},
         {"from_name": "NER", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ann", "labels": ["Person"]}}]""");
    JsonNode kili = LabelStudioResults.toJsonResponse(IFACE, results, text);
    assertEquals(json("""
        {"TOPIC": {"categories": [{"name": "FOOD"}]}, "TAGS": {"categories": [{"name": "A"}, {"name": "C"}]},
         "NER": {"annotations": [{"categories": [{"name": "PER"}], "beginOffset": 0, "content": "Ann"}]}}"""), kili);
    JsonNode back = LabelStudioResults.toResults(IFACE, InputType.TEXT, kili, text);
    assertEquals(kili, LabelStudioResults.toJsonResponse(IFACE, back, text));
    assertEquals("PER", back.get(2).path("value").path("labels").path(0).asText());
  }

  @Test
  void rectanglesInPercentBecomeNormalizedVerticesAndBack() throws Exception {
    JsonNode results = json("""
        [{"from_name": "BOX", "to_name": "image", "type": "rectanglelabels",
          "value": {"x": 10, "y": 20, "width": 30, "height": 40, "rotation": 0, "rectanglelabels": ["CAR"]}}]""");
    JsonNode kili = LabelStudioResults.toJsonResponse(BOXES, results, null);
    JsonNode vertices = kili.path("BOX").path("annotations").path(0).path("boundingPoly").path(0).path("normalizedVertices");
    assertEquals(0.1, vertices.path(1).path("x").asDouble(), 1e-9);
    assertEquals(0.6, vertices.path(0).path("y").asDouble(), 1e-9);
    JsonNode value = LabelStudioResults.toResults(BOXES, InputType.IMAGE, kili, null).path(0).path("value");
    assertEquals(30, value.path("width").asDouble(), 1e-9);
    assertEquals(40, value.path("height").asDouble(), 1e-9);
  }

  @Test
  void unknownCategoriesAndSpansOutsideTheTextAreRefused() throws Exception {
    LabelloopException e = assertThrows(LabelloopException.class, () -> LabelStudioResults.toJsonResponse(IFACE,
        json("[{\"from_name\": \"TOPIC\", \"type\": \"choices\", \"value\": {\"choices\": [\"MUSIC\"]}}]"), "x"));
    assertTrue(e.getMessage().contains("MUSIC"), e.getMessage());
    assertThrows(LabelloopException.class, () -> LabelStudioResults.toJsonResponse(IFACE,
        json("[{\"from_name\": \"NER\", \"type\": \"labels\", \"value\": {\"start\": 2, \"end\": 9, \"labels\": [\"PER\"]}}]"), "short"));
  }

  @Test
  void modelScoresBecomeConfidencesAndTheWeakestSpanScoresAnEntityJob() throws Exception {
    JsonNode kili = LabelStudioResults.toJsonResponse(IFACE,
        json("[{\"from_name\": \"TOPIC\", \"type\": \"choices\", \"value\": {\"choices\": [\"FOOD\"]}}]"), "x", 0.83);
    assertEquals(83, kili.path("TOPIC").path("categories").path(0).path("confidence").asInt());
    JsonNode spans = json("""
        {"NER": {"annotations": [{"categories": [{"name": "PER", "confidence": 90}], "beginOffset": 0, "content": "A"},
                                 {"categories": [{"name": "PER", "confidence": 40}], "beginOffset": 2, "content": "B"}]}}""");
    assertEquals(0.4, LabelStudioResults.score(spans), 1e-9);
    assertEquals(null, LabelStudioResults.score(json("{\"TOPIC\": {\"categories\": [{\"name\": \"FOOD\"}]}}")));
  }
}
