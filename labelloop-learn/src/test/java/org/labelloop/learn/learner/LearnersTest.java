package org.labelloop.learn.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.ToyData;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.metrics.Metrics;

class LearnersTest {
  private static final TextDataset TRAIN = ToyData.topics(20, 0.3, 1);
  private static final TextDataset TEST = ToyData.topics(10, 0.3, 2);

  private static double testAccuracy(Learner l) {
    FeatureCache cache = new FeatureCache(concat(), null);
    int[] trainRows = java.util.stream.IntStream.range(0, TRAIN.size()).toArray();
    SparseMatrix x = Featurizer.fit(FeatureSpec.words(), cache, trainRows).transform(cache);
    Scorer s = l.fit(x.rows(trainRows), TRAIN.y(), 3);
    int[] testRows = java.util.stream.IntStream.range(TRAIN.size(), cache.size()).toArray();
    return Metrics.ofProba(TEST.y(), s.scores(x.rows(testRows)), 3).accuracy();
  }

  private static List<String> concat() {
    List<String> all = new java.util.ArrayList<>(TRAIN.texts());
    all.addAll(TEST.texts());
    return all;
  }

  @Test
  void linearSvmSeparatesTopics() { assertEquals(1.0, testAccuracy(new LinearSvmLearner(1))); }

  @Test
  void softmaxSeparatesTopics() { assertEquals(1.0, testAccuracy(new SoftmaxLearner(10))); }

  @Test
  void liblinearLogisticRegressionSeparatesTopics() { assertEquals(1.0, testAccuracy(new LiblinearLrLearner(10))); }

  @Test
  void balancedLogisticRegressionWeighsClassesEqually() {
    // one uninformative feature: the model can only learn the class prior, 9:1 unless the classes are balanced
    float[][] rows = new float[100][];
    int[] y = new int[100];
    for (int i = 0; i < 100; i++) {
      rows[i] = new float[] {1};
      y[i] = i < 90 ? 0 : 1;
    }
    SparseMatrix x = SparseMatrix.ofDense(rows, 1);
    double plain = Math.exp(new LiblinearLrLearner(100).fit(x, y, 2).scores(x)[0][1]);
    double balanced = Math.exp(new LiblinearLrLearner(100, true).fit(x, y, 2).scores(x)[0][1]);
    assertEquals(0.1, plain, 0.02);
    assertEquals(0.5, balanced, 0.02);
    assertEquals("lr(C=100,balanced)", new LiblinearLrLearner(100, true).name());
  }

  @Test
  void complementNaiveBayesSeparatesTopics() { assertEquals(1.0, testAccuracy(new ComplementNbLearner(0.3))); }

  @Test
  void xgboostSeparatesDenseClustersAndIsReproducible() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(4);
    float[][] rows = new float[60][];
    int[] y = new int[60];
    for (int i = 0; i < 60; i++) {
      y[i] = i % 3;
      rows[i] = new float[] {(float) (y[i] * 3 + r.nextGaussian() * 0.3), (float) (r.nextGaussian() * 0.3)};
    }
    SparseMatrix x = SparseMatrix.ofDense(rows, 2);
    double[][] a = new XgboostLearner(30, 3).fit(x, y, 3).scores(x);
    double[][] b = new XgboostLearner(30, 3).fit(x, y, 3).scores(x);
    assertEquals(1.0, Metrics.ofProba(y, a, 3).accuracy());
    assertEquals(a[7][1], b[7][1]);
  }

  @Test
  void boostedTreesPastTheirDeadlineStopAfterOneRound() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(4);
    int n = 120;
    int[] y = new int[n];
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      rows[i] = new float[] {(float) (y[i] + r.nextGaussian() * 0.5), (float) r.nextGaussian()};
    }
    SparseMatrix x = SparseMatrix.ofDense(rows, 2);
    double[][] late = new XgboostLearner(300, 3, 0.3, 1, 20, 1, 1).fit(x, y, 2, System.currentTimeMillis() - 1).scores(x);
    double[][] oneRound = new XgboostLearner(1, 3, 0.3, 1, 0, 1, 1).fit(x, y, 2).scores(x);
    double[][] full = new XgboostLearner(300, 3, 0.3, 1, 20, 1, 1).fit(x, y, 2).scores(x);
    assertEquals(oneRound[5][1], late[5][1], 1e-9);
    assertTrue(Math.abs(full[5][1] - late[5][1]) > 1e-3, "without a deadline it boosts more rounds");
  }

  @Test
  void aBalancedSvmMovesTheBoundaryTowardsTheMajorityClass() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(2);
    int n = 100;
    int[] y = new int[n];
    float[][] rows = new float[n + 1][];
    for (int i = 0; i < n; i++) {
      y[i] = i < 90 ? 0 : 1;
      rows[i] = new float[] {(float) ((y[i] == 0 ? -1 : 1) + r.nextGaussian()), 1};
    }
    rows[n] = new float[] {0, 1};
    SparseMatrix x = SparseMatrix.ofDense(rows, 2);
    SparseMatrix train = x.rows(java.util.stream.IntStream.range(0, n).toArray()), middle = x.rows(new int[] {n});
    double[] plain = new LinearSvmLearner(0.3, 0.01, 200, 1, false).fit(train, y, 2).scores(middle)[0];
    double[] balanced = new LinearSvmLearner(0.3, 0.01, 200, 1, true).fit(train, y, 2).scores(middle)[0];
    assertTrue(balanced[1] - balanced[0] > plain[1] - plain[0], java.util.Arrays.toString(plain) + " "
        + java.util.Arrays.toString(balanced));
  }

  @Test
  void svmIsDeterministicForItsSeed() {
    SparseMatrix x = SparseMatrix.ofDense(new float[][] {{1, 0}, {0.9f, 0.2f}, {0, 1}, {0.1f, 0.8f}}, 2);
    int[] y = {0, 0, 1, 1};
    double[][] a = new LinearSvmLearner(1, 0.01, 100, 5).fit(x, y, 2).scores(x);
    double[][] b = new LinearSvmLearner(1, 0.01, 100, 5).fit(x, y, 2).scores(x);
    assertEquals(a[1][0], b[1][0]);
    assertTrue(a[0][0] > a[0][1] && a[2][1] > a[2][0]);
  }

  @Test
  void classMissingFromTrainingStillGetsAScoreColumn() {
    SparseMatrix x = SparseMatrix.ofDense(new float[][] {{1, 0}, {0, 1}}, 2);
    double[][] s = new LinearSvmLearner(1).fit(x, new int[] {0, 1}, 3).scores(x);
    assertEquals(3, s[0].length);
    assertTrue(s[0][2] < s[0][0]);
  }

  @Test
  void rejectsNonPositiveRegularisation() {
    assertThrows(IllegalArgumentException.class, () -> new LinearSvmLearner(0));
    assertThrows(IllegalArgumentException.class, () -> new ComplementNbLearner(-1));
  }
}
