package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;

class DetectorSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Job job(String... idAndName) {
    Map<String, Category> categories = new LinkedHashMap<>();
    for (int i = 0; i < idAndName.length; i += 2) categories.put(idAndName[i], new Category(idAndName[i], idAndName[i + 1], null, null));
    return new Job("BOXES", MlTask.OBJECT_DETECTION, "", false, false, categories);
  }

  private static LearningSettings patched(String json) throws Exception {
    return LearningSettings.DEFAULTS.patch(JSON.readTree(json));
  }

  @Test void categoriesNamingCocoClassesGetTheirBoxesByDefault() {
    Job job = job("DOG", "Dogs", "MOTO", "motorbike", "ANT", "ant", "car", "Vehicle");
    assertEquals(Map.of("dog", "DOG", "motorcycle", "MOTO", "car", "car"), DetectorSettings.DEFAULTS.categoriesByClass(job),
        "by name, by VOC synonym, else by id; ant is no COCO class");
    assertEquals(0.5, LearningSettings.DEFAULTS.detector().minScore());
  }

  @Test void theMatchByNameOfEveryCategoryIsShownIncludingTheUnmatched() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("DOG", "dog");
    expected.put("PEOPLE", "person");
    expected.put("ANT", null);
    assertEquals(expected, DetectorSettings.DEFAULTS.matchesByName(job("DOG", "Dogs", "PEOPLE", "Pedestrian", "ANT", "ant")));
  }

  @Test void theMappingCanBeEditedPerCategory() throws Exception {
    LearningSettings s = patched("{\"detector\":{\"minScore\":0.6,\"classes\":{\"ANT\":\"bird\",\"DOG\":null}}}");
    Job job = job("DOG", "dog", "ANT", "ant");
    assertEquals(Map.of("bird", "ANT"), s.detector().categoriesByClass(job));
    assertEquals(0.6, s.detector().minScore());
    assertTrue(s.toJson().path("detector").path("classes").path("DOG").isNull());
    assertEquals(s, LearningSettings.fromJson(s.toJson()), "what it prints reads back the same");
  }

  @Test void aTeamsOwnModelBringsItsClassNamesWhichCategoriesMatchByNameOrMapping() throws Exception {
    LearningSettings s = patched("{\"detector\":{\"classes\":{\"QUEEN\":\"bee\"},\"model\":{\"path\":\"/models/yolo.onnx\","
        + "\"width\":320,\"bgr\":true,\"names\":[\"ant\",\"bee\",\"person\"]}}}");
    DetectorModel model = s.detector().model();
    assertEquals("/models/yolo.onnx", model.file().path().toString());
    assertEquals(320, model.file().input().width());
    assertEquals(640, model.file().input().height(), "Ultralytics' size unless stated");
    assertTrue(model.file().input().bgr());
    assertEquals(Map.of("ant", "ANTS", "bee", "QUEEN", "person", "PEOPLE"),
        s.detector().categoriesByClass(job("ANTS", "Ants", "QUEEN", "Queen", "PEOPLE", "Pedestrian", "DOG", "dog")),
        "ants by name, the queen mapped, pedestrians by synonym; no dog class in this model");
    assertEquals(s, LearningSettings.fromJson(s.toJson()), "what it prints reads back the same");
    assertEquals(null, patched("{\"detector\":{\"model\":null}}").detector().model(), "null: the shipped detector");
  }

  @Test void aTeamsOwnModelNeedsAnAbsolutePathAndItsClassNames() {
    for (String bad : new String[] {"{\"path\":\"yolo.onnx\",\"names\":[\"ant\"]}", "{\"path\":\"/m.onnx\"}",
        "{\"path\":\"/m.onnx\",\"names\":[]}", "{\"path\":\"/m.onnx\",\"names\":[\"ant\",\"ant\"]}",
        "{\"path\":\"/m.onnx\",\"names\":[\"ant\"],\"std\":[0,1,1]}", "{\"path\":\"/m.onnx\",\"names\":[\"ant\"],\"iou\":0.5}"}) {
      LabelloopException e = assertThrows(LabelloopException.class, () -> patched("{\"detector\":{\"model\":" + bad + "}}"), bad);
      assertTrue(e.getMessage().contains("detector.model"), e.getMessage());
    }
    LabelloopException e = assertThrows(LabelloopException.class, () -> patched(
        "{\"detector\":{\"classes\":{\"DOG\":\"dog\"},\"model\":{\"path\":\"/m.onnx\",\"names\":[\"ant\"]}}}"));
    assertTrue(e.getMessage().contains("detector.classes.DOG") && e.getMessage().contains("[ant]"), "mapped to the model's classes: " + e.getMessage());
  }

  @Test void badSettingsAreNamed() {
    LabelloopException e = assertThrows(LabelloopException.class, () -> patched("{\"detector\":{\"classes\":{\"ANT\":\"insect\"}}}"));
    assertTrue(e.getMessage().contains("detector.classes.ANT"), e.getMessage());
    assertThrows(LabelloopException.class, () -> patched("{\"detector\":{\"minScore\":0}}"));
    assertThrows(LabelloopException.class, () -> patched("{\"detector\":{\"nms\":0.5}}"));
    assertThrows(LabelloopException.class, () -> patched("{\"detector\":true}"));
  }
}
