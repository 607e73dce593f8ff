package org.labelloop.learn.simulate;

/** Test-set quality of the model trained on {@code labels} labels, for one strategy and repeat. */
public record CurvePoint(String strategy, int repeat, int labels, double accuracy, double macroF1) {
  public CurvePoint {
    if (labels < 0 || repeat < 0) throw new IllegalArgumentException("negative labels or repeat");
  }
}
