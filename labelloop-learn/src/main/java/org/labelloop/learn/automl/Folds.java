package org.labelloop.learn.automl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Stratified k-fold assignment that keeps exact duplicate texts in the same fold (so CV is not inflated by a copy
 * of a test document in the training folds). The fold count is capped by the smallest class count; when that leaves
 * fewer than two folds, small sets fall back to leave-one-out.
 */
public record Folds(int[] foldOf, int k) {
  public Folds {
    if (k < 2) throw new IllegalArgumentException("need at least two folds");
    foldOf = foldOf.clone();
  }

  public static Folds stratified(List<String> texts, int[] y, int numClasses, int requested, long seed) {
    int n = y.length;
    int[] counts = new int[numClasses];
    for (int v : y) counts[v]++;
    int minCount = Arrays.stream(counts).filter(c -> c > 0).min().orElse(0);
    int k = Math.min(requested, minCount);
    if (k < 2) k = Math.min(n, Math.max(2, requested));
    if (minCount < 2 && n <= 100) k = n; // leave-one-out
    // group duplicates: the first occurrence represents the group
    Map<String, Integer> first = new HashMap<>();
    int[] group = new int[n];
    for (int i = 0; i < n; i++) group[i] = first.computeIfAbsent(texts.get(i), t -> first.size());
    List<List<Integer>> perClass = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) perClass.add(new ArrayList<>());
    int[] groupRep = new int[first.size()];
    Arrays.fill(groupRep, -1);
    for (int i = 0; i < n; i++) if (groupRep[group[i]] < 0) groupRep[group[i]] = i;
    for (int g = 0; g < groupRep.length; g++) perClass.get(y[groupRep[g]]).add(g);
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] groupFold = new int[groupRep.length];
    int next = 0;
    for (List<Integer> gs : perClass) {
      for (int i = gs.size() - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        Integer t = gs.get(i); gs.set(i, gs.get(j)); gs.set(j, t);
      }
      for (int g : gs) groupFold[g] = next++ % k; // continue round-robin across classes to balance fold sizes
    }
    int[] foldOf = new int[n];
    for (int i = 0; i < n; i++) foldOf[i] = groupFold[group[i]];
    return new Folds(foldOf, k);
  }

  public int[] train(int fold) { return rows(fold, false); }

  public int[] test(int fold) { return rows(fold, true); }

  private int[] rows(int fold, boolean in) {
    int c = 0;
    for (int f : foldOf) if ((f == fold) == in) c++;
    int[] r = new int[c];
    int p = 0;
    for (int i = 0; i < foldOf.length; i++) if ((foldOf[i] == fold) == in) r[p++] = i;
    return r;
  }
}
