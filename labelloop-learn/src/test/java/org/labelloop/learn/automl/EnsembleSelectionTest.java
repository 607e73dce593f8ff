package org.labelloop.learn.automl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.metrics.Metrics;

class EnsembleSelectionTest {
  private static final int N = 60, K = 3;

  private static int[] labels() { return IntStream.range(0, N).map(i -> i % K).toArray(); }

  private static Folds folds(int[] y) {
    List<String> texts = IntStream.range(0, N).mapToObj(i -> "t" + i).toList();
    return Folds.stratified(texts, y, K, 5, 3);
  }

  /** Scores that carry no information about the labels. */
  private static double[][] noise(SplittableRandom rnd) {
    double[][] s = new double[N][K];
    for (double[] row : s) for (int c = 0; c < K; c++) row[c] = rnd.nextGaussian();
    return s;
  }

  @Test
  void nestedAccuracyRemovesTheOptimismOfSelectingOnTheScoredRows() {
    SplittableRandom rnd = new SplittableRandom(5);
    int[] y = labels();
    List<double[][]> library = new ArrayList<>();
    for (int m = 0; m < 20; m++) library.add(noise(rnd));
    int[] all = IntStream.range(0, N).toArray();
    double inSample = Metrics.ofProba(y, EnsembleSelection.blend(library, EnsembleSelection.select(library, y, all, 20)), K)
        .accuracy();
    double nested = EnsembleSelection.nestedAccuracy(library, y, folds(y), 20);
    assertTrue(inSample > 0.45, "selection on the scored rows finds spurious accuracy: " + inSample);
    assertTrue(nested < 0.4, "near chance (1/3) on held-out folds: nested " + nested + " vs in-sample " + inSample);
  }

  @Test
  void nestedAccuracyOfOneModelIsItsOwnAccuracy() {
    int[] y = labels();
    double[][] s = noise(new SplittableRandom(8));
    for (int i = 0; i < N; i += 2) s[i][y[i]] += 3; // right on every other row
    double own = IntStream.range(0, N).filter(i -> Metrics.argmax(s[i]) == y[i]).count() / (double) N;
    assertEquals(own, EnsembleSelection.nestedAccuracy(Collections.singletonList(s), y, folds(y), 20), 1e-12);
  }
}
