package org.labelloop.learn.audio;

import javax.sound.sampled.AudioFormat;

/** Interleaved PCM bytes in a Java Sound {@link AudioFormat} to mono floats in [-1, 1] (channels averaged). */
final class Pcm {
  private Pcm() {}

  static float[] toMono(byte[] data, int length, AudioFormat format) {
    int channels = format.getChannels();
    int bytes = format.getFrameSize() / Math.max(1, channels); // container size; valid bits are left-justified
    if (channels < 1 || bytes < 1) throw new UndecodableAudioException("cannot decode: " + format + " has no samples");
    AudioFormat.Encoding enc = format.getEncoding();
    boolean floats = enc.equals(AudioFormat.Encoding.PCM_FLOAT);
    boolean unsigned = enc.equals(AudioFormat.Encoding.PCM_UNSIGNED);
    if (!floats && !unsigned && !enc.equals(AudioFormat.Encoding.PCM_SIGNED) || floats && bytes != 4 && bytes != 8
        || !floats && bytes > 4) {
      throw new UndecodableAudioException("cannot decode " + enc + " audio with " + 8 * bytes + "-bit samples");
    }
    boolean big = format.isBigEndian();
    int frames = length / (bytes * channels);
    float[] out = new float[frames];
    double scale = 1.0 / (1L << (8 * bytes - 1));
    for (int f = 0, at = 0; f < frames; f++) {
      double sum = 0;
      for (int c = 0; c < channels; c++, at += bytes) {
        long raw = 0;
        for (int b = 0; b < bytes; b++) raw |= (data[at + (big ? b : bytes - 1 - b)] & 0xFFL) << (8 * (bytes - 1 - b));
        if (floats) {
          sum += bytes == 4 ? Float.intBitsToFloat((int) raw) : Double.longBitsToDouble(raw);
        } else if (unsigned) {
          sum += (raw - (1L << (8 * bytes - 1))) * scale;
        } else {
          sum += (raw << (64 - 8 * bytes) >> (64 - 8 * bytes)) * scale; // sign-extend
        }
      }
      out[f] = (float) Math.max(-1, Math.min(1, sum / channels));
    }
    return out;
  }
}
