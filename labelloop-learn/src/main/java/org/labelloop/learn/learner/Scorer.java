package org.labelloop.learn.learner;

import java.io.Serializable;
import org.labelloop.learn.feature.SparseMatrix;

/** A trained classifier's raw output: one real score per class (higher means more likely), not yet calibrated. */
public interface Scorer extends Serializable {
  double[][] scores(SparseMatrix x);
}
