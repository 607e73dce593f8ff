package org.labelloop.learn.strategy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Uncertainty with diversity (Zhdanov 2019, "Diverse mini-batch Active Learning"): takes the {@code 10 × batch} items
 * of highest margin uncertainty, clusters them into {@code batch} clusters (on embeddings when given, else on the
 * class probabilities) and picks the most uncertain member of each cluster, so one batch is not ten near-duplicates.
 * The picks score above 1, the most uncertain highest; every other item keeps its margin uncertainty.
 */
final class DiverseBatch implements QueryStrategy {
  private static final int POOL_FACTOR = 10;

  @Override public String name() { return "diverse"; }

  @Override public double[] scores(Candidates candidates, int batch, RandomGenerator random) {
    if (!candidates.scored()) return new ColdStart().scores(candidates, batch, random);
    double[] s = UncertaintySampling.of(candidates, Measure.MARGIN);
    float[][] space = candidates.vectors() != null ? candidates.vectors()
        : candidates.proba() != null ? toFloat(candidates.proba()) : null;
    if (space == null) return s;
    // the queue serves a batch one item at a time: its most uncertain pick first, not cluster 0's
    int[] picked = Arrays.stream(pick(s, space, batch, random)).boxed()
        .sorted(Comparator.comparingDouble(i -> -s[i])).mapToInt(Integer::intValue).toArray();
    for (int r = 0; r < picked.length; r++) s[picked[r]] = 2 - (double) r / picked.length;
    return s;
  }

  private static int[] pick(double[] uncertainty, float[][] space, int batch, RandomGenerator random) {
    int[] pool = TopK.largest(uncertainty, batch * POOL_FACTOR);
    if (pool.length <= batch) return pool;
    float[][] x = new float[pool.length][];
    for (int i = 0; i < pool.length; i++) x[i] = space[pool[i]];
    int[] cluster = KMeans.cluster(x, batch, 5, random);
    int[] best = new int[batch];
    Arrays.fill(best, -1);
    for (int i = 0; i < pool.length; i++) { // pool is ordered most uncertain first
      if (best[cluster[i]] < 0) best[cluster[i]] = pool[i];
    }
    int[] out = Arrays.stream(best).filter(b -> b >= 0).toArray();
    if (out.length == batch) return out;
    Set<Integer> chosen = new HashSet<>(); // empty clusters: top up with the most uncertain unchosen
    for (int o : out) chosen.add(o);
    int[] more = Arrays.stream(pool).filter(p -> !chosen.contains(p)).limit(batch - out.length).toArray();
    int[] all = Arrays.copyOf(out, out.length + more.length);
    System.arraycopy(more, 0, all, out.length, more.length);
    return all;
  }

  private static float[][] toFloat(double[][] p) {
    float[][] out = new float[p.length][];
    for (int i = 0; i < p.length; i++) {
      out[i] = new float[p[i].length];
      for (int j = 0; j < p[i].length; j++) out[i][j] = (float) p[i][j];
    }
    return out;
  }
}
