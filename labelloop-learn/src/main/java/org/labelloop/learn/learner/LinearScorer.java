package org.labelloop.learn.learner;

import org.labelloop.learn.feature.SparseMatrix;

/** Scores {@code w_k · x + b_k} per class; the last entry of each weight vector is the bias (times {@code bias}). */
record LinearScorer(double[][] w, double bias) implements Scorer {
  @Override public double[][] scores(SparseMatrix x) {
    int d = w[0].length - 1;
    if (x.cols() != d) throw new IllegalArgumentException("expected " + d + " features, got " + x.cols());
    double[][] out = new double[x.rows()][w.length];
    for (int r = 0; r < x.rows(); r++) {
      for (int k = 0; k < w.length; k++) out[r][k] = x.dot(r, w[k], 0) + w[k][d] * bias;
    }
    return out;
  }
}
