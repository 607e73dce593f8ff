package org.labelloop.learn.learner;

import org.labelloop.learn.feature.SparseMatrix;

/**
 * A scorer that can say how much each feature pushed one row's score for a class (in the scorer's own units, the
 * log-odds of trees and linear models): weight × value for a linear model, path contributions (TreeSHAP) for trees.
 */
public interface Contributions {
  /** One contribution per column of {@code x} for row {@code row} and class {@code cls}; the bias is left out. */
  double[] contributions(SparseMatrix x, int row, int cls);
}
