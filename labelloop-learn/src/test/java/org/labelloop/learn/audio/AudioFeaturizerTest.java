package org.labelloop.learn.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AudioFeaturizerTest {
  private static AudioClip clip(float[] x) { return new AudioClip(x, AudioDecoder.RATE); }

  @Test void oneNamedFiniteValuePerFeatureEvenForSilenceAndTinyClips() {
    try (AudioFeaturizer f = new AudioFeaturizer()) {
      float[][] x = f.featurize(List.of(clip(Tones.sine(440, 0.3, 16000, 0.8)), clip(new float[16000]), clip(new float[3])));
      for (float[] row : x) {
        assertEquals(AudioFeaturizer.names().size(), row.length);
        for (float v : row) assertTrue(Float.isFinite(v));
      }
    }
  }

  @Test void durationAndPitchShowInTheFeatures() {
    List<String> names = AudioFeaturizer.names();
    try (AudioFeaturizer f = new AudioFeaturizer()) {
      float[][] x = f.featurize(List.of(clip(Tones.sine(300, 0.3, 16000, 0.5)), clip(Tones.sine(3000, 0.3, 16000, 1.5))));
      assertEquals(0.5, x[0][names.indexOf("energy.seconds")], 1e-6);
      assertEquals(1.5, x[1][names.indexOf("energy.seconds")], 1e-6);
      assertTrue(x[1][names.indexOf("energy.zcr")] > 5 * x[0][names.indexOf("energy.zcr")]);
      assertFalse(java.util.Arrays.equals(x[0], x[1]));
      assertArrayEquals(x[0], f.featurize(List.of(clip(Tones.sine(300, 0.3, 16000, 0.5))))[0], "deterministic");
    }
  }

  @Test void refusesClipsAtAnotherRate() {
    try (AudioFeaturizer f = new AudioFeaturizer()) {
      assertThrows(IllegalArgumentException.class, () -> f.featurize(List.of(new AudioClip(new float[800], 8000))));
    }
  }

  @Test void blocksAreNamedAndDistinct() {
    List<String> names = AudioFeaturizer.names();
    assertEquals(names.size(), names.stream().distinct().count());
    for (String block : List.of("mfcc.", "delta.", "mel.", "shape.", "energy.", "vad.")) {
      assertTrue(names.stream().anyMatch(n -> n.startsWith(block)), block);
    }
  }
}
