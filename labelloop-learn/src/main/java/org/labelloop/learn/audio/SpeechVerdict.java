package org.labelloop.learn.audio;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Speech or not, for a whole clip, from its {@link SileroVad} speech ratio (the share of windows with p ≥ 0.5): speech
 * from {@value #MIN_SPEECH_RATIO} on. The probability of speech grows linearly with the ratio's distance from that
 * threshold, from 0.5 at the threshold to {@value #MAX_CONFIDENCE} at a ratio of 0 or 1: a detector's verdict, never a
 * certainty.
 */
public record SpeechVerdict(boolean speech, double speechProbability) {
  /** Short spoken clips (a digit, a word) are mostly silence around a short voiced span, hence a low threshold. */
  public static final double MIN_SPEECH_RATIO = 0.2;
  private static final double MAX_CONFIDENCE = 0.95;
  private static final List<String> SPEECH = List.of("speech", "voice", "voiced", "talk", "talking", "spoken", "vocal");
  private static final List<String> NON_SPEECH = List.of("non speech", "nonspeech", "no speech", "not speech",
      "no voice", "unvoiced", "silence", "silent", "noise", "music", "background");

  public SpeechVerdict {
    if (!(speechProbability >= 0 && speechProbability <= 1)) throw new IllegalArgumentException("probability " + speechProbability);
  }

  public static SpeechVerdict of(double speechRatio) {
    if (!(speechRatio >= 0 && speechRatio <= 1)) throw new IllegalArgumentException("speech ratio " + speechRatio);
    double t = MIN_SPEECH_RATIO, gain = MAX_CONFIDENCE - 0.5;
    return speechRatio >= t ? new SpeechVerdict(true, 0.5 + gain * (speechRatio - t) / (1 - t))
        : new SpeechVerdict(false, 0.5 - gain * (t - speechRatio) / t);
  }

  /** The probability of the verdict: of speech when it is speech, of non-speech otherwise. */
  public double confidence() { return speech ? speechProbability : 1 - speechProbability; }

  /**
   * Whether a category of this name means speech (true), non-speech (false), or neither (empty): by a short fixed list
   * of names (speech, voice, talk…; silence, noise, music, non-speech…), ignoring case, '-' and '_'.
   */
  public static Optional<Boolean> meansSpeech(String categoryName) {
    String n = categoryName.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ').trim().replaceAll("\\s+", " ");
    if (SPEECH.contains(n)) return Optional.of(true);
    if (NON_SPEECH.contains(n)) return Optional.of(false);
    return Optional.empty();
  }
}
