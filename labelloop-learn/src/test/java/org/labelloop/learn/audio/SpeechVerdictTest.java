package org.labelloop.learn.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpeechVerdictTest {
  @Test
  void aClipIsSpeechFromTheThresholdRatioOn() {
    assertTrue(SpeechVerdict.of(SpeechVerdict.MIN_SPEECH_RATIO).speech());
    assertTrue(SpeechVerdict.of(0.6).speech());
    assertFalse(SpeechVerdict.of(SpeechVerdict.MIN_SPEECH_RATIO - 0.01).speech());
    assertFalse(SpeechVerdict.of(0).speech());
  }

  @Test
  void confidenceGrowsWithTheDistanceFromTheThresholdButIsNeverCertain() {
    assertEquals(0.5, SpeechVerdict.of(SpeechVerdict.MIN_SPEECH_RATIO).confidence(), 1e-9);
    assertTrue(SpeechVerdict.of(0.9).confidence() > SpeechVerdict.of(0.5).confidence());
    assertTrue(SpeechVerdict.of(0.02).confidence() > SpeechVerdict.of(0.15).confidence());
    assertEquals(0.95, SpeechVerdict.of(1).confidence(), 1e-9);
    assertEquals(0.95, SpeechVerdict.of(0).confidence(), 1e-9);
    assertEquals(0.05, SpeechVerdict.of(0).speechProbability(), 1e-9);
  }

  @Test
  void silenceReadFromTheFeatureVectorHasNoSpeech() {
    try (AudioFeaturizer featurizer = new AudioFeaturizer()) {
      float[] features = featurizer.featurize(List.of(new AudioClip(new float[AudioDecoder.RATE], AudioDecoder.RATE)))[0];
      assertEquals(0, AudioFeaturizer.speechRatio(features));
      assertFalse(SpeechVerdict.of(AudioFeaturizer.speechRatio(features)).speech());
    }
  }

  @Test
  void aRatioOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SpeechVerdict.of(1.5));
    assertThrows(IllegalArgumentException.class, () -> SpeechVerdict.of(Double.NaN));
  }

  @Test
  void categoryNamesMatchSpeechOrNonSpeechIgnoringCaseAndSeparators() {
    assertEquals(Optional.of(true), SpeechVerdict.meansSpeech("Speech"));
    assertEquals(Optional.of(true), SpeechVerdict.meansSpeech(" VOICE "));
    assertEquals(Optional.of(false), SpeechVerdict.meansSpeech("NON_SPEECH"));
    assertEquals(Optional.of(false), SpeechVerdict.meansSpeech("no-speech"));
    assertEquals(Optional.of(false), SpeechVerdict.meansSpeech("Silence"));
    assertEquals(Optional.of(false), SpeechVerdict.meansSpeech("music"));
    assertEquals(Optional.empty(), SpeechVerdict.meansSpeech("dog bark"));
    assertEquals(Optional.empty(), SpeechVerdict.meansSpeech("speeches"));
  }
}
