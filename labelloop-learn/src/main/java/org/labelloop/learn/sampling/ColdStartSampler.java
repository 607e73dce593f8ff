package org.labelloop.learn.sampling;

import java.util.random.RandomGenerator;

/**
 * Before any model exists: a diverse, representative seed set. Clusters a sample of at most 20,000 candidates'
 * vectors into {@code batch} clusters and takes the member closest to each centroid (representative, not an outlier),
 * ordered farthest-first from the largest cluster's ({@link FarthestFirst}) so that any first few are diverse too;
 * without vectors it is random.
 */
public final class ColdStartSampler implements Sampler {
  @Override public String name() { return "cold-start"; }

  @Override public int[] select(Candidates candidates, int batch, RandomGenerator random) {
    float[][] v = candidates.vectors();
    if (v == null) return new RandomSampler().select(candidates, batch, random);
    int n = v.length;
    int[] sample = n <= 20_000 ? java.util.stream.IntStream.range(0, n).toArray()
        : new RandomSampler().select(candidates, 20_000, random);
    float[][] x = new float[sample.length][];
    for (int i = 0; i < sample.length; i++) x[i] = v[sample[i]];
    int k = Math.min(batch, sample.length);
    int[] cluster = KMeans.cluster(x, k, 8, random);
    int dim = x[0].length;
    double[][] centroid = new double[k][dim];
    int[] count = new int[k];
    for (int i = 0; i < x.length; i++) {
      count[cluster[i]]++;
      for (int j = 0; j < dim; j++) centroid[cluster[i]][j] += x[i][j];
    }
    int[] best = new int[k];
    double[] bestD = new double[k];
    java.util.Arrays.fill(best, -1);
    for (int i = 0; i < x.length; i++) {
      int c = cluster[i];
      double d = 0;
      for (int j = 0; j < dim; j++) {
        double diff = x[i][j] - centroid[c][j] / count[c];
        d += diff * diff;
      }
      if (best[c] < 0 || d < bestD[c]) { best[c] = i; bestD[c] = d; }
    }
    int largest = 0;
    for (int c = 1; c < k; c++) if (count[c] > count[largest]) largest = c;
    int[] clusters = java.util.stream.IntStream.range(0, k).filter(c -> best[c] >= 0).toArray();
    float[][] medoids = new float[clusters.length][];
    int start = 0;
    for (int i = 0; i < clusters.length; i++) {
      medoids[i] = x[best[clusters[i]]];
      if (clusters[i] == largest) start = i;
    }
    return java.util.Arrays.stream(FarthestFirst.order(medoids, start)).map(i -> sample[best[clusters[i]]]).toArray();
  }
}
