package org.labelloop.learn.automl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The rows a search cross-validates on: all of them up to {@code max}, else a stratified random sample of about
 * {@code max} (every class keeps its share, and at least two rows where it has them). Ranking configurations needs
 * far fewer rows than the final model, and a 1M-row fold would leave a two-minute budget no room to compare anything.
 */
final class SearchSample {
  private SearchSample() {}

  /** Sorted row indices into {@code y}. */
  static int[] of(int[] y, int numClasses, int max, long seed) {
    int n = y.length;
    if (n <= max) return IntStream.range(0, n).toArray();
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) byClass.add(new ArrayList<>());
    for (int i = 0; i < n; i++) byClass.get(y[i]).add(i);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Integer> picked = new ArrayList<>();
    for (List<Integer> rows : byClass) {
      int take = Math.min(rows.size(), Math.max(2, (int) Math.round((double) rows.size() * max / n)));
      for (int i = 0; i < take; i++) { // partial Fisher-Yates: the first `take` of a random permutation
        int j = i + rnd.nextInt(rows.size() - i);
        Integer t = rows.get(i);
        rows.set(i, rows.get(j));
        rows.set(j, t);
        picked.add(rows.get(i));
      }
    }
    int[] out = picked.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(out);
    return out;
  }
}
