package org.labelloop.learn.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SileroVadTest {
  private static float[] noise(int n, double amplitude, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) (amplitude * r.nextGaussian());
    return x;
  }

  @Test void oneProbabilityPer32MsWindowAndNoSpeechInSilenceOrHum() {
    try (SileroVad vad = new SileroVad()) {
      float[][] p = vad.probabilities(List.of(new float[16000], Tones.sine(100, 0.3, 16000, 0.5), new float[100]));
      assertEquals(32, p[0].length);
      assertEquals(16, p[1].length);
      assertEquals(1, p[2].length);
      for (float[] clip : p) for (float v : clip) assertTrue(v < 0.5, "speech probability " + v);
    }
  }

  @Test void clipsBatchedTogetherScoreAsEachAlone() {
    List<float[]> clips = List.of(noise(9000, 0.1, 1), Tones.sine(700, 0.4, 16000, 0.3), noise(2000, 0.3, 2));
    try (SileroVad vad = new SileroVad()) {
      float[][] together = vad.probabilities(clips);
      for (int i = 0; i < clips.size(); i++) {
        assertArrayEquals(vad.probabilities(List.of(clips.get(i)))[0], together[i], 1e-5f);
      }
    }
  }

  @Test void closingWaitsForARunningBatchAndRefusesNewOnes() throws Exception {
    SileroVad vad = new SileroVad();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<float[][]> running = pool.submit(() -> vad.probabilities(List.of(noise(16000 * 20, 0.1, 3))));
      vad.close();
      try {
        assertEquals(625, running.get()[0].length); // ran before the close, to the end
      } catch (ExecutionException e) { // or started after it and was refused
        assertTrue(e.getCause() instanceof IllegalStateException && e.getCause().getMessage().contains("closed"));
      }
      assertThrows(IllegalStateException.class, () -> vad.probabilities(List.of(new float[512])));
      vad.close(); // twice is harmless
    } finally {
      pool.shutdownNow();
    }
  }
}
