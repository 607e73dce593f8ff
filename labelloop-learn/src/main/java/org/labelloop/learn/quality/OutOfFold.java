package org.labelloop.learn.quality;

import java.util.List;
import org.labelloop.learn.automl.Folds;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.metrics.Calibration;

/**
 * Out-of-fold class probabilities for {@link ConfidentLearning}: k stratified folds (duplicates kept in one fold),
 * each scored by a model that never saw it, with the engine's fast default (word TF-IDF + logistic regression).
 * A model scoring its own training rows remembers their labels, wrong ones included, and would flag nothing.
 */
public final class OutOfFold {
  private OutOfFold() {}

  /** One probability row per text, columns {@code 0..numClasses-1}. */
  public static double[][] probabilities(List<String> texts, int[] y, int numClasses, int folds, long seed) {
    return probabilities(texts, y, numClasses, folds, seed, FeatureSpec.words(), new LiblinearLrLearner(10));
  }

  public static double[][] probabilities(
      List<String> texts, int[] y, int numClasses, int folds, long seed, FeatureSpec spec, Learner learner) {
    if (texts.size() != y.length) {
      throw new IllegalArgumentException("one label per text is needed");
    }
    double[][] out = new double[y.length][];
    if (y.length < 2) {
      for (int i = 0; i < y.length; i++) {
        out[i] = new double[numClasses];
        java.util.Arrays.fill(out[i], 1.0 / numClasses);
      }
      return out;
    }
    FeatureCache cache = new FeatureCache(texts, null);
    Folds split = Folds.stratified(texts, y, numClasses, folds, seed);
    for (int f = 0; f < split.k(); f++) {
      int[] train = split.train(f);
      int[] test = split.test(f);
      if (test.length == 0) continue;
      int[] yTrain = new int[train.length];
      for (int i = 0; i < train.length; i++) yTrain[i] = y[train[i]];
      Featurizer featurizer = Featurizer.fit(spec, cache, train, yTrain);
      double[][] scores = learner.fit(featurizer.transform(cache, train), yTrain, numClasses)
          .scores(featurizer.transform(cache, test));
      double[][] p = Calibration.softmax(scores, 1);
      for (int i = 0; i < test.length; i++) out[test[i]] = p[i];
    }
    return out;
  }
}
