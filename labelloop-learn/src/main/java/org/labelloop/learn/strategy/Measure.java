package org.labelloop.learn.strategy;

/**
 * Uncertainty of one probability distribution, in [0, 1]; higher means more worth labeling (Settles, "Active Learning
 * Literature Survey", 2009, §3.1). A distribution over fewer than two classes has nothing to be unsure between: 0.
 */
public enum Measure {
  /** {@code 1 - max p} (Lewis &amp; Gale 1994; Culotta &amp; McCallum 2005). */
  LEAST_CONFIDENCE,
  /** {@code 1 - (p1 - p2)}: the smaller the gap between the two most likely classes, the higher (Scheffer et al. 2001). */
  MARGIN,
  /** Shannon entropy divided by {@code ln K}, so 1 means uniform. */
  ENTROPY,
  /**
   * Entropy of the item's most uncertain part (a token, a box); on an item with one distribution it is {@link #ENTROPY}
   * (Settles &amp; Craven 2008 compare total and per-token entropy for sequences).
   */
  MAX_ENTROPY;

  public double of(double[] p) {
    if (p.length < 2) return 0;
    return switch (this) {
      case LEAST_CONFIDENCE -> {
        double max = 0;
        for (double v : p) max = Math.max(max, v);
        yield 1 - max;
      }
      case MARGIN -> {
        double a = Double.NEGATIVE_INFINITY, b = Double.NEGATIVE_INFINITY;
        for (double v : p) {
          if (v > a) { b = a; a = v; } else if (v > b) b = v;
        }
        yield 1 - (a - b);
      }
      case ENTROPY, MAX_ENTROPY -> entropy(p);
    };
  }

  /** Shannon entropy over {@code ln K}: 0 for a certain distribution, 1 for a uniform one. */
  static double entropy(double[] p) {
    if (p.length < 2) return 0;
    double h = 0;
    for (double v : p) if (v > 0) h -= v * Math.log(v);
    return h / Math.log(p.length);
  }
}
