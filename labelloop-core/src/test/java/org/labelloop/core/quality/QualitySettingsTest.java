package org.labelloop.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;

class QualitySettingsTest {
  private static final ObjectMapper M = new ObjectMapper();

  @Test
  void consensusCoversAboutPPercentOfConsecutiveAssetIds() {
    QualitySettings s = new QualitySettings(3, 30, 0.5, 0);
    int chosen = 0;
    for (int id = 1; id <= 20_000; id++) {
      if (s.needsConsensus(Integer.toString(id))) chosen++;
    }
    assertEquals(0.30, chosen / 20_000.0, 0.02);
    assertTrue(new QualitySettings(2, 100, 0.5, 0).needsConsensus("17"));
    assertFalse(new QualitySettings(1, 100, 0.5, 0).needsConsensus("17"), "one labeler is no consensus");
  }

  @Test
  void patchChangesOnlyTheGivenFields() throws Exception {
    QualitySettings s = QualitySettings.DEFAULTS.patch(M.readTree("{\"consensus\": {\"labelers\": 4}}"));
    s = s.patch(M.readTree("{\"honeypot\": {\"rate\": 0.1}}"));
    assertEquals(4, s.consensusLabelers());
    assertEquals(0.1, s.honeypotRate());
    assertEquals(s, QualitySettings.fromJson(s.toJson()));
  }

  @Test
  void rejectsOutOfRangeValues() {
    assertThrows(LabelloopException.class, () -> new QualitySettings(0, 10, 0.5, 0));
    assertThrows(LabelloopException.class, () -> new QualitySettings(2, 101, 0.5, 0));
    assertThrows(LabelloopException.class, () -> new QualitySettings(2, 10, 1.5, 0));
    assertThrows(LabelloopException.class, () -> QualitySettings.DEFAULTS.patch(M.readTree("{\"honeypot\": {\"rate\": \"often\"}}")));
  }
}
