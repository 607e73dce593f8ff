package org.labelloop.learn.sampling;

/** Uncertainty of one probability distribution, in [0, 1]; higher means more worth labeling. */
public enum Uncertainty {
  /** {@code 1 - max p}. */
  LEAST_CONFIDENCE,
  /** {@code 1 - (p1 - p2)}: the smaller the gap between the two most likely classes, the higher. */
  MARGIN,
  /** Shannon entropy divided by {@code ln K}, so 1 means uniform. */
  ENTROPY;

  public double of(double[] p) {
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
        yield p.length < 2 ? 0 : 1 - (a - b);
      }
      case ENTROPY -> {
        if (p.length < 2) yield 0;
        double h = 0;
        for (double v : p) if (v > 0) h -= v * Math.log(v);
        yield h / Math.log(p.length);
      }
    };
  }
}
