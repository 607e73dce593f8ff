package org.labelloop.learn.strategy;

/**
 * Greedy farthest-first traversal (Gonzalez 1985, the 2-approximate k-center order): start at a given point, then
 * repeatedly take the point farthest (squared Euclidean) from everything taken so far. Every prefix of the order is
 * spread out, so the first few of a seed batch already come from different regions. O(n² d): meant for a batch of
 * cluster representatives, not a whole pool.
 */
final class FarthestFirst {
  private FarthestFirst() {}

  /** Row indices of {@code x} in traversal order, starting with {@code start}; ties go to the lower index. */
  static int[] order(float[][] x, int start) {
    int n = x.length;
    int[] out = new int[n];
    double[] nearest = new double[n];
    boolean[] taken = new boolean[n];
    java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    int current = start;
    for (int r = 0; r < n; r++) {
      out[r] = current;
      taken[current] = true;
      int next = -1;
      for (int i = 0; i < n; i++) {
        if (taken[i]) continue;
        nearest[i] = Math.min(nearest[i], KMeans.dist(x[i], x[current]));
        if (next < 0 || nearest[i] > nearest[next]) next = i;
      }
      current = next;
    }
    return out;
  }
}
