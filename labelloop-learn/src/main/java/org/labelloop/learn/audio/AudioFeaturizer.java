package org.labelloop.learn.audio;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Fixed-length features of audio clips for the classic learners: MFCC and log-mel statistics, their deltas, the MFCC
 * contour over the spoken span, loudness and what {@link SileroVad} heard (see {@link #names()} for the layout).
 * Clips are featurized in parallel; the voice detector runs them as batches. Closing it closes the detector.
 */
public final class AudioFeaturizer implements AutoCloseable {
  /** Changes whenever the vectors would (cache keys). */
  public static final String NAME = "audio-features-312/1";

  private static final int SPEECH_RATIO = ClipFeatures.NAMES.indexOf("vad.speech_ratio");

  private final MelSpectrogram mel = new MelSpectrogram();
  private final SileroVad vad;

  public AudioFeaturizer() { this(new SileroVad()); }

  public AudioFeaturizer(SileroVad vad) { this.vad = vad; }

  /** Feature names, {@code block.feature}, in vector order. */
  public static List<String> names() { return ClipFeatures.NAMES; }

  /** The share of the clip's voice-detector windows with a speech probability of at least 0.5, from its vector. */
  public static double speechRatio(float[] features) { return features[SPEECH_RATIO]; }

  /** One feature vector per clip; every clip must be at {@link AudioDecoder#RATE} Hz. */
  public float[][] featurize(List<AudioClip> clips) {
    for (AudioClip c : clips) {
      if (c.sampleRate() != AudioDecoder.RATE) throw new IllegalArgumentException("clips must be at " + AudioDecoder.RATE + " Hz");
    }
    float[][] speech = vad.probabilities(clips.stream().map(AudioClip::samples).toList());
    float[][] out = new float[clips.size()][];
    IntStream.range(0, clips.size()).parallel().forEach(i -> out[i] = ClipFeatures.of(clips.get(i).samples(), mel, speech[i]));
    return out;
  }

  @Override public void close() { vad.close(); }
}
