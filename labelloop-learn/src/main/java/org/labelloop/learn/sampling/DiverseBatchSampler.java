package org.labelloop.learn.sampling;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Uncertainty with diversity: takes the {@code poolFactor × batch} most uncertain candidates, clusters them into
 * {@code batch} clusters (on embeddings when given, else on the probability vectors) and returns the most uncertain
 * member of each cluster, so one batch is not ten near-duplicates (cf. Zhdanov 2019, "Diverse mini-batch AL").
 */
public final class DiverseBatchSampler implements Sampler {
  private final Uncertainty measure;
  private final int poolFactor;

  public DiverseBatchSampler(Uncertainty measure, int poolFactor) {
    if (poolFactor < 1) throw new IllegalArgumentException("poolFactor must be >= 1");
    this.measure = measure;
    this.poolFactor = poolFactor;
  }

  @Override public String name() { return "diverse"; }

  @Override public int[] select(Candidates candidates, int batch, RandomGenerator random) {
    if (candidates.proba() == null) return new ColdStartSampler().select(candidates, batch, random);
    double[] u = UncertaintySampler.scores(candidates.proba(), measure);
    int[] pool = TopK.largest(u, batch * poolFactor);
    if (pool.length <= batch) return pool;
    float[][] x = new float[pool.length][];
    for (int i = 0; i < pool.length; i++) {
      x[i] = candidates.vectors() != null ? candidates.vectors()[pool[i]] : toFloat(candidates.proba()[pool[i]]);
    }
    int[] cluster = KMeans.cluster(x, batch, 5, random);
    int[] best = new int[batch];
    Arrays.fill(best, -1);
    for (int i = 0; i < pool.length; i++) { // pool is ordered most uncertain first
      if (best[cluster[i]] < 0) best[cluster[i]] = pool[i];
    }
    int[] out = Arrays.stream(best).filter(b -> b >= 0).toArray();
    if (out.length < batch) { // empty clusters: top up with the most uncertain unchosen
      java.util.Set<Integer> chosen = new java.util.HashSet<>();
      for (int o : out) chosen.add(o);
      int[] more = Arrays.stream(pool).filter(p -> !chosen.contains(p)).limit(batch - out.length).toArray();
      int[] all = Arrays.copyOf(out, out.length + more.length);
      System.arraycopy(more, 0, all, out.length, more.length);
      out = all;
    }
    return out;
  }

  private static float[] toFloat(double[] p) {
    float[] f = new float[p.length];
    for (int i = 0; i < p.length; i++) f[i] = (float) p[i];
    return f;
  }
}
