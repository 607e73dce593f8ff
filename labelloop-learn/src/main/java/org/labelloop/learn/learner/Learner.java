package org.labelloop.learn.learner;

import org.labelloop.learn.feature.SparseMatrix;

/** Trains a {@link Scorer} from features and class indices {@code 0..numClasses-1}. Implementations are stateless. */
public interface Learner {
  /** Short description without spaces, e.g. {@code svm(C=1)}. */
  String name();

  /** Whether this learner needs non-negative features (complement naive Bayes). */
  default boolean needsNonNegative() { return false; }

  /** Fewest training rows this learner is worth trying on; a search skips it below that. */
  default int minRows() { return 1; }

  Scorer fit(SparseMatrix x, int[] y, int numClasses);

  /**
   * Fits, ending by {@code deadlineMillis} (epoch milliseconds) where the learner can stop early (boosting rounds); the
   * others ignore it.
   */
  default Scorer fit(SparseMatrix x, int[] y, int numClasses, long deadlineMillis) { return fit(x, y, numClasses); }
}
