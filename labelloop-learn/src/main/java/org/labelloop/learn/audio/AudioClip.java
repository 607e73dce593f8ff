package org.labelloop.learn.audio;

/** Mono audio as floats in [-1, 1] at {@code sampleRate} samples per second. */
public record AudioClip(float[] samples, int sampleRate) {
  public AudioClip {
    if (sampleRate < 1) throw new IllegalArgumentException("sample rate must be positive");
  }

  public double seconds() { return samples.length / (double) sampleRate; }
}
