package org.labelloop.learn.strategy;

import java.util.PriorityQueue;

/**
 * Indices of the k largest scores without sorting everything: a bounded min-heap, O(n log k). Ties go to the lower
 * index, so results are deterministic. One million candidates take a few milliseconds.
 */
public final class TopK {
  private TopK() {}

  public static int[] largest(double[] scores, int k) {
    k = Math.min(k, scores.length);
    if (k <= 0) return new int[0];
    // heap head = the weakest kept entry: smallest score, and among equal scores the highest index
    PriorityQueue<Integer> heap = new PriorityQueue<>(k + 1, (a, b) -> {
      int c = Double.compare(scores[a], scores[b]);
      return c != 0 ? c : Integer.compare(b, a);
    });
    for (int i = 0; i < scores.length; i++) {
      if (heap.size() < k) heap.add(i);
      else if (scores[i] > scores[heap.peek()]) {
        heap.poll();
        heap.add(i);
      }
    }
    int[] out = new int[heap.size()];
    for (int i = out.length - 1; i >= 0; i--) out[i] = heap.poll();
    return out;
  }
}
