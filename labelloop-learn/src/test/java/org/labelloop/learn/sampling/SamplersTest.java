package org.labelloop.learn.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplersTest {
  private static final double[][] P = {
      {0.90, 0.05, 0.05}, // confident
      {0.50, 0.45, 0.05}, // closest top two
      {0.40, 0.30, 0.30}, // lowest max
      {0.34, 0.33, 0.33}, // near uniform: highest entropy, and lowest max
  };

  @Test
  void marginPicksClosestTopTwo() {
    double[][] p = {{0.9, 0.05, 0.05}, {0.50, 0.45, 0.05}, {0.40, 0.30, 0.30}};
    assertArrayEquals(new int[] {1}, Sampler.named("margin").select(Candidates.ofProba(p), 1, new SplittableRandom(1)));
  }

  @Test
  void leastConfidencePicksLowestTopProbability() {
    assertArrayEquals(new int[] {3, 2}, Sampler.named("least-confidence").select(Candidates.ofProba(P), 2, new SplittableRandom(1)));
  }

  @Test
  void entropyIsNormalisedToUnitInterval() {
    assertEquals(1.0, Uncertainty.ENTROPY.of(new double[] {0.25, 0.25, 0.25, 0.25}), 1e-12);
    assertEquals(0.0, Uncertainty.ENTROPY.of(new double[] {1, 0, 0}), 1e-12);
    assertArrayEquals(new int[] {3}, Sampler.named("entropy").select(Candidates.ofProba(P), 1, new SplittableRandom(1)));
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
    int[] picked = Sampler.named("margin").select(Candidates.ofProba(p), 10, new SplittableRandom(1));
    assertEquals(10, picked.length);
    for (int i : picked) assertTrue(p[i][0] < 0.5 + 1e-4, "picked a near-tie");
  }

  @Test
  void randomIsDeterministicForASeedAndDistinct() {
    double[][] p = new double[100][];
    Arrays.fill(p, new double[] {0.5, 0.5});
    int[] a = Sampler.named("random").select(Candidates.ofProba(p), 20, new SplittableRandom(4));
    int[] b = Sampler.named("random").select(Candidates.ofProba(p), 20, new SplittableRandom(4));
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
    int[] picked = new DiverseBatchSampler(Uncertainty.MARGIN, 10).select(new Candidates(p, v), 3, new SplittableRandom(2));
    assertEquals(3, Arrays.stream(picked).map(i -> i % 3).distinct().count());
    int[] plain = Sampler.named("margin").select(new Candidates(p, v), 3, new SplittableRandom(2));
    assertArrayEquals(new int[] {0, 1, 2}, plain);
  }

  @Test
  void coldStartPicksRepresentativesOfEachCluster() {
    float[][] v = new float[40][];
    for (int i = 0; i < 40; i++) v[i] = new float[] {(i % 4) * 5f + (i % 7) * 0.01f, (i % 4) * -3f};
    int[] picked = new ColdStartSampler().select(new Candidates(null, v), 4, new SplittableRandom(3));
    assertEquals(4, Arrays.stream(picked).map(i -> i % 4).distinct().count());
  }
}
