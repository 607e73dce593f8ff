package org.labelloop.learn.automl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.ToyData;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;

class EvaluationTest {
  @Test
  void armsOverTheSameFeaturesAreEquallyComplexWhicheverFoldEndedLast() {
    TextDataset d = ToyData.topics(12, 0.6, 5);
    Folds folds = Folds.stratified(d.texts(), d.y(), 3, 5, 7);
    int[] rows = java.util.stream.IntStream.range(0, d.size()).toArray();
    var shared = new Evaluation.Shared(folds, new FeatureCache(d.texts(), null), rows, d.y(), 3,
        new ConcurrentHashMap<>());
    List<Candidate> naiveBayes = AutoMlConfig.defaultSpace(false).stream()
        .filter(c -> c.name().startsWith("w12/cnb")).limit(2).toList();
    Evaluation forward = new Evaluation(naiveBayes.get(0), shared), backward = new Evaluation(naiveBayes.get(1), shared);
    for (int f = 0; f < folds.k(); f++) {
      forward.evaluate(f, Long.MAX_VALUE);
      backward.evaluate(folds.k() - 1 - f, Long.MAX_VALUE);
    }
    Evaluation lastFoldOnly = new Evaluation(naiveBayes.get(0), shared);
    lastFoldOnly.evaluate(folds.k() - 1, Long.MAX_VALUE);
    Evaluation firstFoldOnly = new Evaluation(naiveBayes.get(0), shared);
    firstFoldOnly.evaluate(0, Long.MAX_VALUE);
    assertNotEquals(firstFoldOnly.complexity(), lastFoldOnly.complexity(), "folds differ in stored values per row");
    assertEquals(forward.complexity(), backward.complexity());
  }
}
