package org.labelloop.learn.simulate;

/**
 * Test-set quality of the model trained on {@code labels} labels, for one strategy and repeat: accuracy, macro-F1, the
 * expected calibration error of its probabilities, and how many items it did not label (the unlabeled pool and the test
 * set) got a class probability of exactly 1.0, which no model trained on a sample can honestly claim.
 */
public record CurvePoint(String strategy, int repeat, int labels, double accuracy, double macroF1, double ece, int certain) {
  public CurvePoint {
    if (labels < 0 || repeat < 0) throw new IllegalArgumentException("negative labels or repeat");
  }
}
