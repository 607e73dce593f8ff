package org.labelloop.learn.automl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.learner.LinearSvmLearner;

class OneStandardErrorTest {
  private static Evaluation evaluated(Candidate c, double nnzPerRow, double... foldAccuracy) {
    Evaluation e = new Evaluation(c, 10, foldAccuracy.length);
    System.arraycopy(foldAccuracy, 0, e.foldAccuracy, 0, foldAccuracy.length);
    e.nnzPerRow = nnzPerRow;
    return e;
  }

  @Test
  void prefersTheSimplestConfigurationWithinOneStandardErrorOfTheBest() {
    Candidate words = new Candidate(FeatureSpec.words(), new LinearSvmLearner(1));
    Candidate wordsChars = new Candidate(FeatureSpec.sparseDefault(), new LinearSvmLearner(1));
    Candidate chars = new Candidate(new FeatureSpec(0, 2, 5, 0, 2, 300_000), new LinearSvmLearner(1));
    // best mean 0.91, standard error sqrt(0.001 / 4 / 5) = 0.0071: 0.905 is within it, 0.90 is not
    Evaluation best = evaluated(wordsChars, 100, 0.93, 0.89, 0.91, 0.92, 0.90);
    Evaluation close = evaluated(words, 10, 0.905, 0.905, 0.905, 0.905, 0.905);
    Evaluation worse = evaluated(chars, 5, 0.90, 0.90, 0.90, 0.90, 0.90);
    assertEquals(0.0071, best.foldStandardError(), 1e-4);
    List<Evaluation> order = AutoMl.withinOneStandardError(List.of(best, close, worse), List.of(words, wordsChars, chars));
    assertEquals(List.of(close, best, worse), order);
  }

  @Test
  void keepsTheRankingWhenTheBestWasSeenOnOneFold() {
    Candidate a = new Candidate(FeatureSpec.words(), new LinearSvmLearner(1));
    Candidate b = new Candidate(FeatureSpec.sparseDefault(), new LinearSvmLearner(1));
    Evaluation best = evaluated(b, 100, 0.95, Double.NaN);
    Evaluation other = evaluated(a, 10, 0.94, Double.NaN);
    assertEquals(List.of(best, other), AutoMl.withinOneStandardError(List.of(best, other), List.of(a, b)));
  }
}
