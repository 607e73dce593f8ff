package org.labelloop.app;

import java.util.Random;

/**
 * Two seconds of vowel-like syllables at 16 kHz as a source-filter model of the voice makes them: a Rosenberg glottal
 * pulse at a falling, jittered pitch through the three formant resonators of one of five vowels, each syllable after a
 * short noise burst (a consonant) and before a pause. Silero VAD hears speech in most of its windows (p ≥ 0.5 in 75-92 %
 * of them over seeds 0-7), which silence, noise and pure tones never give.
 */
final class SyntheticVoice {
  private static final int RATE = 16_000;
  private static final double[][] FORMANTS = {{730, 1090, 2440}, {270, 2290, 3010}, {300, 870, 2240}, {530, 1840, 2480}, {660, 1720, 2410}};

  private SyntheticVoice() {}

  static short[] twoSeconds(Random random) {
    double[] x = new double[2 * RATE];
    double phase = 0, max = 1e-9;
    int t = 0;
    for (int syllable = 0; t < x.length; syllable++) {
      double[] formants = FORMANTS[syllable % FORMANTS.length], y1 = new double[3], y2 = new double[3];
      int length = 3500 + random.nextInt(1500);
      for (int i = 0; i < 400 && t < x.length; i++, t++) x[t] = random.nextGaussian() * 0.05;
      for (int i = 0; i < length && t < x.length; i++, t++) {
        phase += (120 + 25 * Math.sin(2 * Math.PI * i / length) - 20.0 * i / length) * (1 + 0.01 * random.nextGaussian()) / RATE;
        double p = phase % 1, pulse = p < 0.4 ? 0.5 * (1 - Math.cos(Math.PI * p / 0.4)) : p < 0.56 ? Math.cos(Math.PI * (p - 0.4) / 0.32) : 0;
        double source = pulse - 0.3 + random.nextGaussian() * 0.01, out = 0;
        for (int k = 0; k < 3; k++) { // two-pole resonator at the formant, bandwidth 80-160 Hz
          double r = Math.exp(-Math.PI * (80 + 40 * k) / RATE), y = source + 2 * r * Math.cos(2 * Math.PI * formants[k] / RATE) * y1[k] - r * r * y2[k];
          y2[k] = y1[k];
          y1[k] = y;
          out += y / (k + 1);
        }
        x[t] = out * Math.sin(Math.PI * i / length);
        max = Math.max(max, Math.abs(x[t]));
      }
      t += 1200; // a pause
    }
    short[] pcm = new short[x.length];
    for (int i = 0; i < x.length; i++) pcm[i] = (short) (x[i] / max * 0.5 * Short.MAX_VALUE);
    return pcm;
  }
}
