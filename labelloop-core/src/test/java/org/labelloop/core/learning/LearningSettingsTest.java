package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;

class LearningSettingsTest {
  @Test
  void patchChangesOnlyTheGivenFields() {
    LearningSettings s = LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"strategy\": \"entropy\", \"retrainEvery\": 25}"));
    assertEquals("entropy", s.strategy().name());
    assertEquals(25, s.retrainEvery());
    assertEquals(LearningSettings.DEFAULTS.minLabels(), s.minLabels());
  }

  @Test
  void rejectsUnknownFieldsBadStrategiesAndOutOfRangeNumbers() {
    assertThrows(LabelloopException.class, () -> LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"foo\": 1}")));
    assertThrows(LabelloopException.class, () -> LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"strategy\": \"smart\"}")));
    assertThrows(LabelloopException.class, () -> LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"retrainEvery\": 0}")));
    assertThrows(LabelloopException.class, () -> LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"batchSize\": \"ten\"}")));
  }

  private static Project project(InputType input) {
    JsonInterface iface = JsonInterface.parse(InferenceMarksTest.json("""
        {"jobs": {"NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "required": 0, "content": {"categories": {"PER": {"name": "person"}}}},
                  "JOB_0": {"mlTask": "CLASSIFICATION", "required": 1, "content": {"input": "radio", "categories": {"A": {"name": "a"}, "B": {"name": "b"}}}}}}"""));
    return new Project("1", "p", "", "", input, iface, Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  void textLearnsItsFirstClassificationJobAndNamedJobsByTheirTask() {
    Learner text = LearningSettings.DEFAULTS.learner(project(InputType.TEXT));
    assertEquals("JOB_0", text.job().id());
    assertEquals(LearningTask.TEXT_CLASSIFICATION, text.task());
    Learner ner = LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"jobId\": \"NER\"}")).learner(project(InputType.TEXT));
    assertEquals(LearningTask.NAMED_ENTITIES, ner.task());
    assertEquals(LearningTask.TABULAR_CLASSIFICATION, LearningSettings.DEFAULTS.learner(project(InputType.TABULAR)).task());
  }

  @Test
  void imagesAndAudioLearnTheirClassificationJobOnTheirOwnKindOfFeatures() {
    assertEquals(LearningTask.IMAGE_CLASSIFICATION, LearningSettings.DEFAULTS.learner(project(InputType.IMAGE)).task());
    Learner audio = LearningSettings.DEFAULTS.learner(project(InputType.AUDIO));
    assertEquals(LearningTask.AUDIO_CLASSIFICATION, audio.task());
    assertEquals("audio-classification", audio.toJson().path("task").asText());
    assertEquals("JOB_0", LearningSettings.DEFAULTS.retrainedJob(project(InputType.IMAGE)).id());
    Learner ner = LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"jobId\": \"NER\"}")).learner(project(InputType.IMAGE));
    assertFalse(ner.learns());
    assertTrue(ner.reason().startsWith(LearningTask.NO_MODEL_FOR_KIND), ner.reason());
  }

  @Test
  void anImageProjectLearnsItsBoxesWhenItHasNoClassificationJob() {
    JsonInterface iface = JsonInterface.parse(InferenceMarksTest.json("""
        {"jobs": {"BOXES": {"mlTask": "OBJECT_DETECTION", "required": 0, "content": {"input": "radio",
          "categories": {"WASP": {"name": "wasp"}}}}}}"""));
    Learner boxes = LearningSettings.DEFAULTS.learner(new Project("1", "p", "", "", InputType.IMAGE, iface, Instant.EPOCH, Instant.EPOCH));
    assertEquals(LearningTask.OBJECT_DETECTION, boxes.task());
    assertEquals("BOXES", boxes.job().id());
    assertEquals("object-detection", boxes.toJson().path("task").asText());
    assertEquals(LearningTask.IMAGE_CLASSIFICATION, LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"jobId\": \"JOB_0\"}"))
        .learner(project(InputType.IMAGE)).task(), "a classification job comes first");
  }

  @Test
  void aUsersOwnImageEncoderIsReadWithDefaultsAndWrittenBackWhole() {
    LearningSettings s = LearningSettings.DEFAULTS.patch(InferenceMarksTest.json(
        "{\"encoder\": {\"path\": \"/models/clip.onnx\", \"width\": 160, \"mean\": [120, 115, 100], \"outputs\": [\"image_embeds\"]}}"));
    EncoderSettings e = s.encoder();
    assertEquals("/models/clip.onnx", e.file().path().toString());
    assertEquals(160, e.file().input().width());
    assertEquals(224, e.file().input().height());
    assertTrue(e.file().input().channelsFirst());
    assertEquals(java.util.List.of("image_embeds"), e.outputs());
    assertEquals(s, LearningSettings.DEFAULTS.patch(s.toJson()), "a settings object read back is a valid patch");
    assertNull(s.patch(InferenceMarksTest.json("{\"encoder\": null}")).encoder(), "null: the shipped encoder again");
  }

  @Test
  void rejectsAnEncoderWithARelativePathOrBadNormalisation() {
    for (String bad : new String[] {"{\"path\": \"clip.onnx\"}", "{\"path\": \"/m.onnx\", \"std\": [1, 0, 1]}",
        "{\"path\": \"/m.onnx\", \"mean\": [1, 2]}", "{\"path\": \"/m.onnx\", \"width\": 2}", "\"/m.onnx\""}) {
      assertThrows(LabelloopException.class, () -> LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"encoder\": " + bad + "}")), bad);
    }
  }

  @Test
  void theReadOnlyLearnerOfAGetMayBeSentBackInAPatch() {
    var read = LearningSettings.DEFAULTS.toJson();
    read.set("learner", LearningSettings.DEFAULTS.learner(project(InputType.IMAGE)).toJson());
    assertEquals(LearningSettings.DEFAULTS, LearningSettings.DEFAULTS.patch(read));
  }
}
