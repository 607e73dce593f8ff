package org.labelloop.learn.quality;

import java.util.Arrays;
import java.util.List;
import org.labelloop.learn.automl.Folds;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.metrics.Calibration;

/**
 * Out-of-fold class probabilities for {@link ConfidentLearning}: k stratified folds (duplicates kept in one fold),
 * each scored by a model that never saw it, with logistic regression on word TF-IDF (beside sentence embeddings when
 * given) or on rows already encoded.
 * A model scoring its own training rows remembers their labels, wrong ones included, and would flag nothing.
 */
public final class OutOfFold {
  private OutOfFold() {}

  /** The features of one fold: its training rows' and its held-out rows'. */
  private interface FoldFeatures {
    SparseMatrix[] trainAndTest(int[] train, int[] yTrain, int[] test);
  }

  /** One probability row per text, columns {@code 0..numClasses-1}. */
  public static double[][] probabilities(List<String> texts, int[] y, int numClasses, int folds, long seed) {
    return probabilities(texts, null, y, numClasses, folds, seed);
  }

  /** The same with the texts' sentence embeddings beside their words, when {@code embedder} (nullable) gives them. */
  public static double[][] probabilities(List<String> texts, TextEmbedder embedder, int[] y, int numClasses, int folds, long seed) {
    FeatureSpec spec = embedder == null ? FeatureSpec.words() : FeatureSpec.words().withEmbeddings(1.0);
    return probabilities(texts, embedder, y, numClasses, folds, seed, spec, new LiblinearLrLearner(10));
  }

  private static double[][] probabilities(List<String> texts, TextEmbedder embedder, int[] y, int numClasses, int folds, long seed,
      FeatureSpec spec, Learner learner) {
    FeatureCache cache = new FeatureCache(texts, embedder);
    return crossFit(texts, y, numClasses, folds, seed, learner, (train, yTrain, test) -> {
      Featurizer featurizer = Featurizer.fit(spec, cache, train, yTrain);
      return new SparseMatrix[] {featurizer.transform(cache, train), featurizer.transform(cache, test)};
    });
  }

  /**
   * The same on rows encoded without looking at the labels (a table's columns, image or audio vectors), with logistic
   * regression; rows with the same key (their content) share a fold.
   */
  public static double[][] probabilities(SparseMatrix x, List<String> keys, int[] y, int numClasses, int folds, long seed) {
    return crossFit(keys, y, numClasses, folds, seed, new LiblinearLrLearner(10),
        (train, yTrain, test) -> new SparseMatrix[] {x.rows(train), x.rows(test)});
  }

  private static double[][] crossFit(
      List<String> keys, int[] y, int numClasses, int folds, long seed, Learner learner, FoldFeatures features) {
    if (keys.size() != y.length) {
      throw new IllegalArgumentException("one label per row is needed");
    }
    double[][] out = new double[y.length][];
    if (y.length < 2) {
      for (int i = 0; i < y.length; i++) {
        out[i] = new double[numClasses];
        Arrays.fill(out[i], 1.0 / numClasses);
      }
      return out;
    }
    Folds split = Folds.stratified(keys, y, numClasses, folds, seed);
    for (int f = 0; f < split.k(); f++) {
      int[] train = split.train(f);
      int[] test = split.test(f);
      if (test.length == 0) continue;
      int[] yTrain = new int[train.length];
      for (int i = 0; i < train.length; i++) yTrain[i] = y[train[i]];
      SparseMatrix[] x = features.trainAndTest(train, yTrain, test);
      double[][] p = Calibration.softmax(learner.fit(x[0], yTrain, numClasses).scores(x[1]), 1);
      for (int i = 0; i < test.length; i++) out[test[i]] = p[i];
    }
    return out;
  }
}
