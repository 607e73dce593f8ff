package org.labelloop.learn.automl;

import java.util.List;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.learner.LiblinearLrLearner;

/**
 * The one small-data rule of every search: below {@link #THRESHOLD} labels, 5-fold CV tests on a handful of items per
 * fold, so it cannot tell candidates apart, and a wrong pick early in active learning chooses the next batches with a
 * useless model. There a search only considers models that need no validation to be safe: text gets one
 * class-balanced, strongly regularised logistic regression on the (centred) sentence embeddings, whose dense features
 * carry over from a few examples where sparse n-grams do not (an SVM on TF-IDF predicted the majority class on app
 * reviews up to 50 labels); tables validate their linear models by leave-one-out instead
 * ({@link org.labelloop.learn.tabular.TabularAutoMl}).
 */
public final class FewLabels {
  /** Labels below which the rule applies. */
  public static final int THRESHOLD = 50;

  private FewLabels() {}

  /** The candidates for a text search over {@code labels} labeled items: {@code space} itself from the threshold on. */
  public static List<Candidate> textSpace(int labels, List<Candidate> space, boolean embeddings) {
    if (labels >= THRESHOLD || !embeddings) return space;
    return List.of(new Candidate(FeatureSpec.embeddingsOnly(), new LiblinearLrLearner(10, true)));
  }
}
