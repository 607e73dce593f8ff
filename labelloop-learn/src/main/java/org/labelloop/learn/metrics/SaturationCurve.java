package org.labelloop.learn.metrics;

/**
 * A learning curve that saturates: the inverse power law {@code accuracy(n) = a - b * n^-c} (Frey &amp; Fisher 1999;
 * Figueroa et al. 2012, "Predicting sample size required for classification performance"), where {@code a} is the
 * accuracy this model family reaches here with unlimited labels, {@code b >= 0} the distance still to go and {@code c}
 * how fast it closes.
 *
 * <p>Fitted by weighted least squares: for a fixed {@code c} the curve is linear in {@code a} and {@code b}, so each
 * exponent on a log grid gets the closed-form line through {@code (n^-c, accuracy)} and the exponent with the smallest
 * weighted squared error wins. {@code a} is kept at most 1 and {@code b} at least 0 (accuracy does not fall with more
 * labels; a curve that does is read as flat).
 */
public record SaturationCurve(double a, double b, double c) {
  private static final int GRID = 80;
  private static final double MIN_C = 0.05, MAX_C = 3;

  /** The curve's accuracy at {@code n} labels. */
  public double at(double n) {
    return a - b * Math.pow(n, -c);
  }

  /** The labels at which the curve reaches {@code share} of its ceiling {@code a}; 0 when it is already flat. */
  public double labelsToReach(double share) {
    if (b <= 0) return 0;
    return Math.pow(b / ((1 - share) * a), 1 / c);
  }

  /** Accuracy gained by the next label at {@code n} labels: the curve's slope {@code b c n^(-c-1)}. */
  public double gainPerLabel(double n) {
    return b * c * Math.pow(n, -c - 1);
  }

  /** The least-squares curve through {@code (labels[i], accuracy[i])}; needs three distinct label counts. */
  public static SaturationCurve fit(double[] labels, double[] accuracy) {
    double[] equal = new double[labels.length];
    java.util.Arrays.fill(equal, 1);
    return fit(labels, accuracy, equal);
  }

  /**
   * The curve that minimises {@code sum(weight[i] * (accuracy[i] - at(labels[i]))^2)}: weights the inverse of each
   * point's variance, so an accuracy measured on 5 items counts less than one measured on 500.
   */
  public static SaturationCurve fit(double[] labels, double[] accuracy, double[] weight) {
    if (labels.length != accuracy.length || labels.length != weight.length) {
      throw new IllegalArgumentException("labels, accuracy and weight differ in length");
    }
    if (java.util.Arrays.stream(labels).distinct().count() < 3) {
      throw new IllegalArgumentException("need accuracy at three label counts or more");
    }
    SaturationCurve best = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (int g = 0; g < GRID; g++) {
      double c = MIN_C * Math.pow(MAX_C / MIN_C, g / (GRID - 1.0));
      SaturationCurve curve = line(labels, accuracy, weight, c);
      double error = 0;
      for (int i = 0; i < labels.length; i++) error += weight[i] * Math.pow(accuracy[i] - curve.at(labels[i]), 2);
      if (error < bestError) {
        bestError = error;
        best = curve;
      }
    }
    return best;
  }

  /** Weighted least squares {@code accuracy = a - b x} with {@code x = n^-c}, {@code a <= 1}, {@code b >= 0}. */
  private static SaturationCurve line(double[] labels, double[] accuracy, double[] weight, double c) {
    int m = labels.length;
    double[] x = new double[m];
    double mx = 0, my = 0, total = 0;
    for (int i = 0; i < m; i++) {
      x[i] = Math.pow(labels[i], -c);
      mx += weight[i] * x[i];
      my += weight[i] * accuracy[i];
      total += weight[i];
    }
    mx /= total;
    my /= total;
    double sxy = 0, sxx = 0;
    for (int i = 0; i < m; i++) {
      sxy += weight[i] * (x[i] - mx) * (accuracy[i] - my);
      sxx += weight[i] * (x[i] - mx) * (x[i] - mx);
    }
    double b = sxx > 0 ? Math.max(0, -sxy / sxx) : 0;
    double a = my + b * mx;
    if (a > 1) { // through a = 1: b minimises sum(w (1 - y - b x)^2)
      double num = 0, den = 0;
      for (int i = 0; i < m; i++) {
        num += weight[i] * (1 - accuracy[i]) * x[i];
        den += weight[i] * x[i] * x[i];
      }
      a = 1;
      b = Math.max(0, num / den);
    }
    return new SaturationCurve(a, b, c);
  }
}
