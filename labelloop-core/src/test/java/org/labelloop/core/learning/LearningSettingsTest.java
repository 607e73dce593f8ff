package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;

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
}
