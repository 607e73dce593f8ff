package org.labelloop.learn.automl;

import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.learner.Learner;

/** One point of the search space: a featurizer spec and a learner with its hyperparameters. */
public record Candidate(FeatureSpec spec, Learner learner) {
  public Candidate {
    if (learner.needsNonNegative() && !spec.nonNegative()) {
      throw new IllegalArgumentException(learner.name() + " needs non-negative features");
    }
  }

  /** Short description without spaces, e.g. {@code w12+c25/svm(C=3)}. */
  public String name() { return spec.shortName() + "/" + learner.name(); }
}
