package org.labelloop.learn.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechSegmentTest {
  private static final double W = SileroVad.WINDOW / 16000.0; // 32 ms

  /** Windows [from, to) at probability 0.9, the rest at 0.05. */
  private static float[] speech(int windows, int[]... spans) {
    float[] p = new float[windows];
    Arrays.fill(p, 0.05f);
    for (int[] s : spans) Arrays.fill(p, s[0], s[1], 0.9f);
    return p;
  }

  @Test void findsOneSegmentPaddedBy30Ms() {
    List<SpeechSegment> s = SpeechSegment.of(speech(50, new int[] {10, 30}), 50 * SileroVad.WINDOW);
    assertEquals(1, s.size());
    assertEquals(10 * W - 0.03, s.getFirst().start(), 1e-9);
    assertEquals(30 * W + 0.03, s.getFirst().end(), 1e-9);
  }

  @Test void bridgesPausesShorterThan100Ms() {
    List<SpeechSegment> s = SpeechSegment.of(speech(60, new int[] {10, 20}, new int[] {22, 30}), 60 * SileroVad.WINDOW);
    assertEquals(1, s.size(), "a 64 ms pause does not split speech");
    List<SpeechSegment> two = SpeechSegment.of(speech(60, new int[] {10, 20}, new int[] {30, 40}), 60 * SileroVad.WINDOW);
    assertEquals(2, two.size());
    assertTrue(two.get(0).end() <= two.get(1).start(), "padding never makes segments overlap");
  }

  @Test void dropsBlipsShorterThan250MsAndKeepsSpeechRunningToTheEnd() {
    assertTrue(SpeechSegment.of(speech(50, new int[] {10, 15}), 50 * SileroVad.WINDOW).isEmpty());
    List<SpeechSegment> s = SpeechSegment.of(speech(50, new int[] {30, 50}), 50 * SileroVad.WINDOW);
    assertEquals(1, s.size());
    assertEquals(50 * W, s.getFirst().end(), 1e-9);
  }

  @Test void hysteresisKeepsSpeechOpenBetweenTheTwoThresholds() {
    float[] p = speech(60, new int[] {10, 20});
    Arrays.fill(p, 20, 35, 0.4f); // below 0.5 but above 0.35: not silence
    Arrays.fill(p, 35, 45, 0.9f);
    assertEquals(1, SpeechSegment.of(p, 60 * SileroVad.WINDOW).size());
  }
}
