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
    return new Project("1", "p", "", input, iface, Instant.EPOCH, Instant.EPOCH);
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
  void imagesAndAudioLearnNothingUntilALearnerOfTheirKindExists() {
    for (InputType media : new InputType[] {InputType.IMAGE, InputType.AUDIO}) {
      LearningSettings settings = LearningSettings.DEFAULTS;
      Learner learner = settings.learner(project(media));
      assertFalse(learner.learns(), media.name());
      assertTrue(learner.reason().startsWith(LearningTask.NO_MODEL_FOR_KIND), learner.reason());
      assertNull(settings.retrainedJob(project(media)), "labels never queue a training");
      assertTrue(learner.toJson().path("task").isNull());
    }
  }

  @Test
  void theReadOnlyLearnerOfAGetMayBeSentBackInAPatch() {
    var read = LearningSettings.DEFAULTS.toJson();
    read.set("learner", LearningSettings.DEFAULTS.learner(project(InputType.IMAGE)).toJson());
    assertEquals(LearningSettings.DEFAULTS, LearningSettings.DEFAULTS.patch(read));
  }
}
