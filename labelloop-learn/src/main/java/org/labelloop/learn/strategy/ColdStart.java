package org.labelloop.learn.strategy;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Before any model: a diverse, representative seed set, as in pre-clustering active learning (Nguyen &amp; Smeulders
 * 2004, "Active Learning Using Pre-clustering"). Clusters a sample of at most 20,000 items' vectors into {@code batch}
 * clusters and takes the member closest to each centroid (representative, not an outlier), ordered farthest-first
 * from the largest cluster's ({@link FarthestFirst}) so that any first few are diverse too. The picks score in
 * (0.5, 1] by pick order, every other item a seeded random number in (0, 0.5]; without vectors the order is random.
 */
final class ColdStart implements QueryStrategy {
  private static final int SAMPLE = 20_000;

  @Override public String name() { return "cold-start"; }

  @Override public double[] scores(Candidates candidates, int batch, RandomGenerator random) {
    double[] s = new double[candidates.size()];
    for (int i = 0; i < s.length; i++) s[i] = 0.5 * (1 - random.nextDouble());
    float[][] v = candidates.vectors();
    if (v == null || v.length == 0 || batch < 1) return s;
    int[] picked = medoids(v, s, batch, random);
    for (int r = 0; r < picked.length; r++) s[picked[r]] = 1 - r / (2.0 * batch);
    return s;
  }

  private static int[] medoids(float[][] v, double[] randomScores, int batch, RandomGenerator random) {
    int[] sample = v.length <= SAMPLE ? IntStream.range(0, v.length).toArray() : TopK.largest(randomScores, SAMPLE);
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
    Arrays.fill(best, -1);
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
    int[] clusters = IntStream.range(0, k).filter(c -> best[c] >= 0).toArray();
    float[][] medoids = new float[clusters.length][];
    int start = 0;
    for (int i = 0; i < clusters.length; i++) {
      medoids[i] = x[best[clusters[i]]];
      if (clusters[i] == largest) start = i;
    }
    return Arrays.stream(FarthestFirst.order(medoids, start)).map(i -> sample[best[clusters[i]]]).toArray();
  }
}
