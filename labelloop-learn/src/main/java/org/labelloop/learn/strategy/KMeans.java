package org.labelloop.learn.strategy;

import java.util.random.RandomGenerator;

/** Small k-means (k-means++ seeding, Arthur &amp; Vassilvitskii 2007, then a few Lloyd steps) for batch diversity. */
public final class KMeans {
  private KMeans() {}

  /** Cluster id of each row. */
  public static int[] cluster(float[][] x, int k, int iterations, RandomGenerator random) {
    int n = x.length;
    k = Math.min(k, n);
    float[][] centers = new float[k][];
    double[] d2 = new double[n];
    centers[0] = x[random.nextInt(n)].clone();
    for (int i = 0; i < n; i++) d2[i] = dist(x[i], centers[0]);
    for (int c = 1; c < k; c++) {
      double sum = 0;
      for (double v : d2) sum += v;
      int pick = 0;
      if (sum > 0) {
        double r = random.nextDouble() * sum;
        for (pick = 0; pick < n - 1 && (r -= d2[pick]) > 0; pick++) { }
      } else pick = random.nextInt(n);
      centers[c] = x[pick].clone();
      for (int i = 0; i < n; i++) d2[i] = Math.min(d2[i], dist(x[i], centers[c]));
    }
    int[] assign = new int[n];
    for (int it = 0; it < iterations; it++) {
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int c = 0; c < k; c++) {
          double d = dist(x[i], centers[c]);
          if (d < bd) { bd = d; best = c; }
        }
        assign[i] = best;
      }
      int dim = x[0].length;
      double[][] sum = new double[k][dim];
      int[] count = new int[k];
      for (int i = 0; i < n; i++) {
        count[assign[i]]++;
        for (int j = 0; j < dim; j++) sum[assign[i]][j] += x[i][j];
      }
      for (int c = 0; c < k; c++) {
        if (count[c] == 0) continue;
        for (int j = 0; j < dim; j++) centers[c][j] = (float) (sum[c][j] / count[c]);
      }
    }
    return assign;
  }

  public static double dist(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }
}
