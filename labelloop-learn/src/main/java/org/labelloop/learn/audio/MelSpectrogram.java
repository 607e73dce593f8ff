package org.labelloop.learn.audio;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Log-mel spectrogram and MFCCs of 16 kHz audio, computed as speech front ends do (HTK, Kaldi): pre-emphasis 0.97,
 * 25 ms Hann frames every 10 ms, a 512-point power spectrum (JTransforms), {@link #MELS} triangular filters evenly
 * spaced on the HTK mel scale from 20 Hz to 8 kHz, natural log, and the orthonormal DCT-II of the log energies for
 * {@link #MFCCS} cepstral coefficients (c0 included: it tracks loudness). Thread-safe: the FFT tables are read-only.
 */
final class MelSpectrogram {
  static final int FRAME = 400;
  static final int HOP = 160;
  static final int MELS = 40;
  static final int MFCCS = 13;
  private static final int FFT = 512;
  private static final float FLOOR = 1e-10f;

  private final FloatFFT_1D fft = new FloatFFT_1D(FFT);
  private final float[] window = new float[FRAME];
  private final float[][] filters = new float[MELS][FFT / 2 + 1];
  private final int[] firstBin = new int[MELS], endBin = new int[MELS]; // each filter's non-zero bins
  private final float[][] dct = new float[MFCCS][MELS];

  MelSpectrogram() {
    for (int i = 0; i < FRAME; i++) window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / FRAME));
    double lo = mel(20), hi = mel(AudioDecoder.RATE / 2.0);
    double[] edge = new double[MELS + 2];
    for (int m = 0; m < edge.length; m++) edge[m] = hz(lo + (hi - lo) * m / (MELS + 1));
    for (int m = 0; m < MELS; m++) {
      for (int b = 0; b <= FFT / 2; b++) {
        double f = b * (double) AudioDecoder.RATE / FFT;
        double up = (f - edge[m]) / (edge[m + 1] - edge[m]), down = (edge[m + 2] - f) / (edge[m + 2] - edge[m + 1]);
        filters[m][b] = (float) Math.max(0, Math.min(up, down));
        if (filters[m][b] > 0 && endBin[m] == 0) firstBin[m] = b;
        if (filters[m][b] > 0) endBin[m] = b + 1;
      }
    }
    for (int k = 0; k < MFCCS; k++) {
      double norm = Math.sqrt((k == 0 ? 1.0 : 2.0) / MELS);
      for (int n = 0; n < MELS; n++) dct[k][n] = (float) (norm * Math.cos(Math.PI * k * (n + 0.5) / MELS));
    }
  }

  /** Number of frames for {@code samples} samples: at least one (a short clip is zero-padded). */
  static int frames(int samples) { return 1 + Math.max(0, samples - FRAME) / HOP; }

  /** Log mel energies, [frame][mel]. */
  float[][] logMel(float[] x) {
    int n = frames(x.length);
    float[][] out = new float[n][MELS];
    float[] buf = new float[FFT];
    float[] power = new float[FFT / 2 + 1];
    for (int t = 0; t < n; t++) {
      java.util.Arrays.fill(buf, 0);
      int s = t * HOP;
      for (int i = 0; i < FRAME && s + i < x.length; i++) {
        float prev = s + i > 0 ? x[s + i - 1] : x[s + i];
        buf[i] = (x[s + i] - 0.97f * prev) * window[i];
      }
      fft.realForward(buf); // packed: buf[0]=Re0, buf[1]=Re(N/2), then (Re k, Im k) pairs
      power[0] = buf[0] * buf[0];
      power[FFT / 2] = buf[1] * buf[1];
      for (int k = 1; k < FFT / 2; k++) power[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
      for (int m = 0; m < MELS; m++) {
        float e = 0;
        float[] w = filters[m];
        for (int k = firstBin[m]; k < endBin[m]; k++) e += w[k] * power[k];
        out[t][m] = (float) Math.log(Math.max(FLOOR, e));
      }
    }
    return out;
  }

  /** MFCCs of log mel frames, [frame][coefficient]. */
  float[][] mfcc(float[][] logMel) {
    float[][] out = new float[logMel.length][MFCCS];
    for (int t = 0; t < logMel.length; t++) {
      for (int k = 0; k < MFCCS; k++) {
        float c = 0;
        for (int m = 0; m < MELS; m++) c += dct[k][m] * logMel[t][m];
        out[t][k] = c;
      }
    }
    return out;
  }

  private static double mel(double hz) { return 2595 * Math.log10(1 + hz / 700); }

  private static double hz(double mel) { return 700 * (Math.pow(10, mel / 2595) - 1); }
}
