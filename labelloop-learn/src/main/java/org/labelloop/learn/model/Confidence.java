package org.labelloop.learn.model;

/**
 * A model's probability as a prediction stores it: rounded for people and for Kili's whole-percent {@code confidence},
 * but never rounded into a certainty the model does not have (0.9982 is 99 %, not 100 %; 0.00003 is 0.0001, not 0).
 */
public final class Confidence {
  private Confidence() {}

  /** Kili's confidence in whole percent: 100 and 0 only for a probability of exactly 1 and 0. */
  public static int percent(double p) {
    return (int) steps(p, 100);
  }

  /** The probability to four decimals, with the same care at both ends. */
  public static double fourDecimals(double p) {
    return steps(p, 10_000) / 10_000.0;
  }

  private static long steps(double p, int scale) {
    double q = Math.max(0, Math.min(1, p));
    long r = Math.round(q * scale);
    if (r == scale && q < 1) return scale - 1;
    if (r == 0 && q > 0) return 1;
    return r;
  }
}
