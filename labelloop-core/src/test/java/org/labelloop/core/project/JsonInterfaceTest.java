package org.labelloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;

class JsonInterfaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonInterface parse(String json) throws Exception {
    return JsonInterface.parse(JSON.readTree(json));
  }

  @Test
  void parsesKiliShapedInterface() throws Exception {
    JsonInterface iface =
        parse(
            """
            {"jobs": {
              "TOPIC": {"mlTask": "CLASSIFICATION", "instruction": "Topic", "required": 1,
                        "content": {"input": "checkbox", "categories": {"SPORT": {"name": "Sport", "color": "#ff0000"}, "TECH": {}}}},
              "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"categories": {"PER": {"name": "Person"}}}}}}
            """);
    Job topic = iface.job("TOPIC");
    assertEquals(MlTask.CLASSIFICATION, topic.mlTask());
    assertTrue(topic.multiple());
    assertTrue(topic.required());
    assertEquals("Sport", topic.categories().get("SPORT").name());
    assertEquals("#ff0000", topic.categories().get("SPORT").color());
    assertEquals("TECH", topic.categories().get("TECH").name());
    assertFalse(iface.job("NER").multiple());
  }

  @Test
  void rejectsUnknownMlTaskNamingTheJob() {
    var e = assertThrows(LabelloopException.class, () -> parse("{\"jobs\":{\"J\":{\"mlTask\":\"NOPE\"}}}"));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.details().stream().anyMatch(d -> d.startsWith("jobs.J.mlTask: 'NOPE'")), e.details().toString());
    assertTrue(e.details().stream().anyMatch(d -> d.startsWith("jobs.J.content.categories")), e.details().toString());
  }

  @Test
  void rejectsMissingJobsAndUnknownInput() {
    assertThrows(LabelloopException.class, () -> parse("{}"));
    var e =
        assertThrows(
            LabelloopException.class,
            () -> parse("{\"jobs\":{\"J\":{\"mlTask\":\"CLASSIFICATION\",\"content\":{\"input\":\"slider\",\"categories\":{\"A\":{}}}}}}"));
    assertTrue(e.details().getFirst().contains("slider"));
  }
}
