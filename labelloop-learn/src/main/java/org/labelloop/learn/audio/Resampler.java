package org.labelloop.learn.audio;

/**
 * Band-limited resampling by windowed-sinc interpolation (J. O. Smith, "Digital Audio Resampling Home Page", the
 * method behind libresample): each output sample is the input convolved with a low-pass sinc centred on its exact
 * position, so any pair of rates works, not only integer ratios. The cut-off is the lower of the two Nyquist
 * frequencies (a little below when downsampling, against aliasing); the kernel is a Blackman-windowed sinc with
 * {@link #ZERO_CROSSINGS} zero crossings per side, tabulated once and linearly interpolated.
 */
final class Resampler {
  static final int ZERO_CROSSINGS = 16;
  private static final int STEPS = 512; // table entries per zero crossing
  private static final float[] KERNEL = kernel();

  private Resampler() {}

  static float[] resample(float[] x, int from, int to) {
    if (from == to) return x;
    double ratio = (double) to / from;
    double cutoff = ratio < 1 ? 0.97 * ratio : 1; // in units of the input's Nyquist frequency
    double reach = ZERO_CROSSINGS / cutoff; // kernel half-width in input samples
    int n = (int) Math.floor(x.length * ratio);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double t = i / ratio;
      int lo = Math.max(0, (int) Math.ceil(t - reach)), hi = Math.min(x.length - 1, (int) Math.floor(t + reach));
      double sum = 0;
      for (int k = lo; k <= hi; k++) sum += x[k] * tap(Math.abs(t - k) * cutoff);
      y[i] = (float) (sum * cutoff);
    }
    return y;
  }

  /** The kernel at {@code d} zero crossings from its centre. */
  private static double tap(double d) {
    double p = d * STEPS;
    int j = (int) p;
    if (j >= KERNEL.length - 1) return 0;
    double frac = p - j;
    return KERNEL[j] + frac * (KERNEL[j + 1] - KERNEL[j]);
  }

  private static float[] kernel() {
    float[] h = new float[ZERO_CROSSINGS * STEPS + 2];
    for (int j = 0; j < h.length; j++) {
      double d = j / (double) STEPS;
      double sinc = j == 0 ? 1 : Math.sin(Math.PI * d) / (Math.PI * d);
      double u = Math.min(1, d / ZERO_CROSSINGS); // Blackman window over [-ZERO_CROSSINGS, ZERO_CROSSINGS]
      h[j] = (float) (sinc * (0.42 + 0.5 * Math.cos(Math.PI * u) + 0.08 * Math.cos(2 * Math.PI * u)));
    }
    return h;
  }
}
