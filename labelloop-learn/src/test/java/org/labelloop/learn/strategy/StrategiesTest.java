package org.labelloop.learn.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StrategiesTest {
  private static final double[][] P = {
      {0.90, 0.05, 0.05}, // confident
      {0.50, 0.45, 0.05}, // closest top two
      {0.40, 0.30, 0.30}, // lowest max
      {0.34, 0.33, 0.33}, // near uniform: highest entropy, and lowest max
  };

  private static int[] select(String strategy, Candidates c, int batch) {
    return Strategies.named(strategy).select(c, batch, new SplittableRandom(1));
  }

  @Test
  void resolvesEveryNameItListsAndTheOlderSpellings() {
    for (String name : Strategies.names()) assertEquals(name, Strategies.named(name).name());
    assertEquals(List.of("random", "least-confidence", "margin", "entropy", "max-entropy", "diverse", "cold-start"),
        Strategies.names());
    assertSame(Strategies.named("least-confidence"), Strategies.named("LEAST_CONFIDENCE"));
    assertSame(Strategies.named("margin"), Strategies.named("span-margin"));
    assertSame(Strategies.named("entropy"), Strategies.named("token-entropy"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.named("smart"));
    assertTrue(e.getMessage().contains("margin"), e.getMessage());
  }

  @Test
  void marginPicksClosestTopTwo() {
    double[][] p = {{0.9, 0.05, 0.05}, {0.50, 0.45, 0.05}, {0.40, 0.30, 0.30}};
    assertArrayEquals(new int[] {1}, select("margin", Candidates.of(p), 1));
    assertEquals(0.95, Measure.MARGIN.of(new double[] {0.5, 0.45, 0.05}), 1e-12);
  }

  @Test
  void aSingleClassDistributionIsCertainUnderEveryMeasure() {
    for (Measure m : Measure.values()) assertEquals(0.0, m.of(new double[] {0.6}), 0.0, m.name());
  }

  @Test
  void leastConfidencePicksLowestTopProbability() {
    assertArrayEquals(new int[] {3, 2}, select("least-confidence", Candidates.of(P), 2));
  }

  @Test
  void entropyIsNormalisedToUnitInterval() {
    assertEquals(1.0, Measure.ENTROPY.of(new double[] {0.25, 0.25, 0.25, 0.25}), 1e-12);
    assertEquals(0.0, Measure.ENTROPY.of(new double[] {1, 0, 0}), 1e-12);
    assertArrayEquals(new int[] {3}, select("entropy", Candidates.of(P), 1));
  }

  @Test
  void multiLabelScoresTheClassNearestItsOwnThreshold() {
    double[] thresholds = {0.5, 0.2};
    double[][] p = {{0.95, 0.9}, {0.5, 0.9}, {0.9, 0.25}, {0.05, 0.01}};
    Candidates c = new Candidates(4, ItemUncertainty.thresholds(p, thresholds), p, null);
    double[] s = Strategies.named("margin").scores(c, 1, new SplittableRandom(1));
    assertEquals(1.0, s[1], 1e-9, "on a threshold");
    assertTrue(s[2] > s[0] && s[0] > s[3], Arrays.toString(s));
  }

  @Test
  void sentencesReduceTokenMarginalsAndSpansToOneScorePerMeasure() {
    double[][] marginals = {{0.5, 0.5}, {1, 0}};
    SequenceUncertainty u = SequenceUncertainty.of(0.4, marginals, new double[] {0.9}, new double[] {0.55});
    assertEquals(0.6, u.of(Measure.LEAST_CONFIDENCE), 1e-12);
    assertEquals(0.5, u.of(Measure.ENTROPY), 1e-12, "mean over tokens of entropy / ln 2");
    assertEquals(1.0, u.of(Measure.MAX_ENTROPY), 1e-12);
    assertEquals(0.9, u.of(Measure.MARGIN), 1e-12, "the outside token at 0.55 is the closest call");
  }

  @Test
  void topKMatchesFullSortWithLowerIndexOnTies() {
    SplittableRandom r = new SplittableRandom(9);
    double[] s = IntStream.range(0, 10_000).mapToDouble(i -> r.nextInt(100)).toArray();
    int[] top = TopK.largest(s, 50);
    int[] sorted = IntStream.range(0, s.length).boxed()
        .sorted((a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b))
        .limit(50).mapToInt(Integer::intValue).toArray();
    assertArrayEquals(sorted, top);
  }

  @Test
  void rankingAMillionCandidatesSelectsTheMostUncertain() {
    int n = 1_000_000;
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      double a = 0.5 + 0.5 * ((i * 7919L) % n) / (double) n;
      p[i] = new double[] {a, 1 - a};
    }
    int[] picked = select("margin", Candidates.of(p), 10);
    assertEquals(10, picked.length);
    for (int i : picked) assertTrue(p[i][0] < 0.5 + 1e-4, "picked a near-tie");
  }

  @Test
  void randomIsDeterministicForASeedAndDistinct() {
    double[][] p = new double[100][];
    Arrays.fill(p, new double[] {0.5, 0.5});
    int[] a = select("random", Candidates.of(p), 20);
    int[] b = select("random", Candidates.of(p), 20);
    assertArrayEquals(a, b);
    assertEquals(20, Arrays.stream(a).distinct().count());
  }

  @Test
  void diverseBatchTakesOnePerClusterInsteadOfNearDuplicates() {
    // 3 well-separated groups of 10 equally uncertain candidates; a batch of 3 must cover all groups
    int n = 30;
    double[][] p = new double[n][];
    float[][] v = new float[n][];
    for (int i = 0; i < n; i++) {
      p[i] = new double[] {0.5 + i * 0.001, 0.5 - i * 0.001};
      v[i] = new float[] {(i % 3) * 10f + i * 0.01f, 0};
    }
    Candidates c = Candidates.of(p).withVectors(v);
    assertEquals(3, Arrays.stream(select("diverse", c, 3)).map(i -> i % 3).distinct().count());
    assertArrayEquals(new int[] {0, 1, 2}, select("margin", c, 3));
  }

  @Test
  void diverseBatchServesItsMostUncertainPickFirst() {
    // 4 groups whose uncertainty falls with the index; whatever the clusters' numbering, the picks come in that order
    int n = 40;
    double[][] p = new double[n][];
    float[][] v = new float[n][];
    for (int i = 0; i < n; i++) {
      p[i] = new double[] {0.5 + i * 0.01, 0.5 - i * 0.01};
      v[i] = new float[] {((i * 7) % 4) * 10f + i * 0.01f, 0};
    }
    int[] batch = select("diverse", Candidates.of(p).withVectors(v), 4);
    assertEquals(4, Arrays.stream(batch).map(i -> (i * 7) % 4).distinct().count());
    for (int r = 1; r < batch.length; r++) assertTrue(batch[r - 1] < batch[r], "most uncertain first: " + Arrays.toString(batch));
  }

  @Test
  void diverseWithoutEmbeddingsMixesPredictedClassesAtTheTop() {
    double[][] p = new double[30][];
    for (int i = 0; i < 20; i++) p[i] = new double[] {0.55, 0.45}; // uncertain class-0 cases
    for (int i = 20; i < 30; i++) p[i] = new double[] {0.3, 0.7}; // less uncertain class-1 cases
    int[] batch = select("diverse", Candidates.of(p), 10);
    assertTrue(Arrays.stream(batch).anyMatch(i -> i >= 20), "a class-1 case in the batch: " + Arrays.toString(batch));
  }

  @Test
  void uncertaintyStrategiesTakeTheColdStartOrderBeforeAnyModel() {
    float[][] v = new float[40][];
    for (int i = 0; i < 40; i++) v[i] = new float[] {(i % 4) * 5f + (i % 7) * 0.01f, (i % 4) * -3f};
    Candidates unscored = Candidates.unscored(40, v);
    int[] picked = select("cold-start", unscored, 4);
    assertEquals(4, Arrays.stream(picked).map(i -> i % 4).distinct().count());
    for (String s : List.of("margin", "entropy", "least-confidence", "diverse")) assertArrayEquals(picked, select(s, unscored, 4), s);
  }
}
