package org.labelloop.learn.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Test signals: sine tones, their WAV files, and the frequency and loudness a decoded clip shows. */
final class Tones {
  private Tones() {}

  static float[] sine(double hz, double amplitude, int rate, double seconds) {
    float[] x = new float[(int) Math.round(rate * seconds)];
    for (int i = 0; i < x.length; i++) x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    return x;
  }

  /** {@code mono} written as a WAV file in {@code format} (every channel gets the same signal). */
  static byte[] wav(float[] mono, AudioFormat format) {
    int bytes = format.getFrameSize() / format.getChannels();
    boolean floats = format.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT);
    boolean unsigned = format.getEncoding().equals(AudioFormat.Encoding.PCM_UNSIGNED);
    byte[] data = new byte[mono.length * format.getFrameSize()];
    int at = 0;
    for (float v : mono) {
      long raw = floats ? Float.floatToIntBits(v) : Math.round(v * ((1L << (8 * bytes - 1)) - 1));
      if (unsigned) raw += 1L << (8 * bytes - 1);
      for (int c = 0; c < format.getChannels(); c++) {
        for (int b = 0; b < bytes; b++) {
          int shift = 8 * (format.isBigEndian() ? bytes - 1 - b : b);
          data[at++] = (byte) (raw >> shift);
        }
      }
    }
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format, mono.length)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Frequency of a pure tone from its zero crossings. */
  static double frequency(AudioClip clip) {
    float[] x = clip.samples();
    int crossings = 0;
    for (int i = 1; i < x.length; i++) if ((x[i] >= 0) != (x[i - 1] >= 0)) crossings++;
    return crossings / 2.0 / clip.seconds();
  }

  /** Root mean square over the middle half (away from edge effects of resampling). */
  static double rms(float[] x) {
    double s = 0;
    int from = x.length / 4, to = 3 * x.length / 4;
    for (int i = from; i < to; i++) s += x[i] * x[i];
    return Math.sqrt(s / Math.max(1, to - from));
  }
}
