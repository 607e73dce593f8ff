package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.ItemUncertainty;
import org.labelloop.learn.strategy.SequenceUncertainty;
import org.labelloop.learn.strategy.Strategies;

/**
 * Given the same model outputs, the queue (scores from {@link QueueScores}, served highest first, ties by asset id)
 * and {@code simulate} (which labels the strategy's {@code select} with the same seed) take the same items in the same
 * order, for every registered strategy, including the cases where the two used to disagree: a one-class
 * distribution under margin, a diverse batch without embeddings, and NER's token entropy.
 */
class QueueSimulatorParityTest {
  private static final int BATCH = 3;
  private static final long SEED = 11;

  @Test
  void queueAndSimulatorTakeTheSameItemsForEveryStrategy() {
    for (String name : Strategies.names()) {
      for (Candidates pool : List.of(classes(), oneClass(), multiLabel(), sentences(), classes().withVectors(vectors()),
          Candidates.unscored(12, vectors()), Candidates.unscored(12, null))) {
        int[] simulated = Strategies.named(name).select(pool, BATCH, new SplittableRandom(SEED));
        assertArrayEquals(Arrays.copyOf(queueOrder(name, pool), simulated.length), simulated, name);
      }
    }
  }

  @Test
  void aOneClassModelLeavesMarginWithNothingToChooseBetween() {
    double[] s = QueueScores.of(settings("margin"), oneClass(), SEED);
    assertEquals(0, Arrays.stream(s).max().orElseThrow(), 0.0);
  }

  /** Positions in the order the queue serves them: highest score first, ties by asset id (here, by position). */
  private static int[] queueOrder(String strategy, Candidates pool) {
    double[] s = QueueScores.of(settings(strategy), pool, SEED);
    return IntStream.range(0, s.length).boxed()
        .sorted((a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b))
        .mapToInt(Integer::intValue).toArray();
  }

  private static LearningSettings settings(String strategy) {
    return LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"strategy\": \"" + strategy + "\", \"batchSize\": " + BATCH + "}"));
  }

  private static Candidates classes() {
    SplittableRandom r = new SplittableRandom(3);
    double[][] p = new double[12][];
    for (int i = 0; i < p.length; i++) {
      double a = r.nextDouble(), b = r.nextDouble() * (1 - a);
      p[i] = new double[] {a, b, 1 - a - b};
    }
    return Candidates.of(p);
  }

  private static Candidates oneClass() {
    double[][] p = new double[12][];
    for (int i = 0; i < p.length; i++) p[i] = new double[] {0.5 + i / 100.0};
    return Candidates.of(p);
  }

  private static Candidates multiLabel() {
    double[][] p = new double[12][];
    for (int i = 0; i < p.length; i++) p[i] = new double[] {i / 12.0, 1 - i / 24.0};
    return new Candidates(12, ItemUncertainty.thresholds(p, new double[] {0.5, 0.3}), p, null);
  }

  private static Candidates sentences() {
    List<SequenceUncertainty> u = IntStream.range(0, 12).mapToObj(i -> SequenceUncertainty.of(1 - i / 13.0,
        new double[][] {{0.9 - i / 20.0, 0.1 + i / 20.0, 0}, {1, 0, 0}}, new double[] {0.5 + i / 30.0}, new double[0])).toList();
    return new Candidates(12, ItemUncertainty.sequences(u), null, null);
  }

  private static float[][] vectors() {
    float[][] v = new float[12][];
    for (int i = 0; i < v.length; i++) v[i] = new float[] {i % 3 * 10f + i * 0.1f, i % 2};
    return v;
  }
}
