package org.labelloop.learn.audio;

import java.util.ArrayList;
import java.util.List;

/** A stretch of speech, in seconds from the start of the clip. */
public record SpeechSegment(double start, double end) {
  public SpeechSegment {
    if (!(start >= 0) || !(end >= start)) throw new IllegalArgumentException("bad segment " + start + ".." + end);
  }

  // Silero's own defaults for turning window probabilities into segments.
  private static final double ON = 0.5, OFF = 0.35;
  private static final int MIN_SPEECH = 4000, MIN_SILENCE = 1600, PAD = 480; // samples at 16 kHz: 250, 100, 30 ms

  /**
   * Speech segments from {@link SileroVad} window probabilities, with hysteresis as Silero's
   * {@code get_speech_timestamps} does: speech starts at a window with p ≥ 0.5 and ends once p has stayed below 0.35
   * for 100 ms; segments shorter than 250 ms are dropped and each is padded by 30 ms, without overlapping.
   */
  public static List<SpeechSegment> of(float[] probabilities, int samples) {
    List<int[]> found = new ArrayList<>();
    int start = -1, silentSince = -1;
    for (int t = 0; t < probabilities.length; t++) {
      int at = t * SileroVad.WINDOW;
      if (probabilities[t] >= ON) {
        silentSince = -1;
        if (start < 0) start = at;
      } else if (probabilities[t] < OFF && start >= 0) {
        if (silentSince < 0) silentSince = at;
        if (at - silentSince >= MIN_SILENCE) {
          if (silentSince - start >= MIN_SPEECH) found.add(new int[] {start, silentSince});
          start = -1;
          silentSince = -1;
        }
      }
    }
    if (start >= 0 && samples - start >= MIN_SPEECH) found.add(new int[] {start, samples});
    List<SpeechSegment> out = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      int lo = i == 0 ? 0 : (found.get(i - 1)[1] + found.get(i)[0]) / 2;
      int hi = i == found.size() - 1 ? samples : (found.get(i)[1] + found.get(i + 1)[0]) / 2;
      int s = Math.max(lo, found.get(i)[0] - PAD), e = Math.min(hi, found.get(i)[1] + PAD);
      out.add(new SpeechSegment(s / (double) AudioDecoder.RATE, e / (double) AudioDecoder.RATE));
    }
    return out;
  }
}
