package org.labelloop.core.quality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chance-corrected agreement for classification: Cohen's kappa for two labelers on the same items (Cohen 1960) and
 * Fleiss' kappa for any number of labelers per item (Fleiss 1971). Both are (observed − expected) / (1 − expected);
 * they differ in how expected chance agreement is estimated. 1 is perfect agreement, 0 is what chance gives.
 */
public final class Kappa {
  private Kappa() {}

  /** Cohen's kappa of two labelers' answers to the same items, in the same order; NaN when undefined. */
  public static double cohen(List<String> a, List<String> b) {
    if (a.size() != b.size() || a.isEmpty()) {
      throw new IllegalArgumentException("two equally long, non-empty answer lists are needed");
    }
    int n = a.size();
    Map<String, Integer> countA = new HashMap<>();
    Map<String, Integer> countB = new HashMap<>();
    int same = 0;
    for (int i = 0; i < n; i++) {
      countA.merge(a.get(i), 1, Integer::sum);
      countB.merge(b.get(i), 1, Integer::sum);
      if (a.get(i).equals(b.get(i))) {
        same++;
      }
    }
    double observed = (double) same / n;
    double expected = 0;
    for (var e : countA.entrySet()) {
      expected += (e.getValue() / (double) n) * (countB.getOrDefault(e.getKey(), 0) / (double) n);
    }
    return expected == 1 ? Double.NaN : (observed - expected) / (1 - expected);
  }

  /**
   * Fleiss' kappa. {@code counts[i][j]} is how many labelers put item i in category j; every item must have the same
   * number of labelers (at least two).
   */
  public static double fleiss(int[][] counts) {
    int items = counts.length;
    if (items == 0) {
      throw new IllegalArgumentException("no items");
    }
    int raters = java.util.Arrays.stream(counts[0]).sum();
    if (raters < 2) {
      throw new IllegalArgumentException("Fleiss' kappa needs at least two labelers per item");
    }
    int categories = counts[0].length;
    double[] share = new double[categories];
    double meanAgreement = 0;
    for (int[] row : counts) {
      if (java.util.Arrays.stream(row).sum() != raters) {
        throw new IllegalArgumentException("every item needs the same number of labelers");
      }
      double pairs = 0;
      for (int j = 0; j < categories; j++) {
        share[j] += row[j];
        pairs += row[j] * (row[j] - 1.0);
      }
      meanAgreement += pairs / (raters * (raters - 1.0));
    }
    meanAgreement /= items;
    double expected = 0;
    for (int j = 0; j < categories; j++) {
      double p = share[j] / (items * (double) raters);
      expected += p * p;
    }
    return expected == 1 ? Double.NaN : (meanAgreement - expected) / (1 - expected);
  }
}
