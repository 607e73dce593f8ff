package org.labelloop.learn.model;

/** Test access to package-private helpers of {@link MultiLabelModel}. */
public final class MultiLabelModelAccess {
  private MultiLabelModelAccess() {}

  public static double threshold(double[] p, int[] y) { return MultiLabelModel.bestF1Threshold(p, y); }
}
