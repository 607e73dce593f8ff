package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks the next sentences to label. NER's own sampler (the classification samplers rank class distributions, not
 * tag sequences): uncertainty strategies score every unlabeled sentence with the current model and take the top
 * {@code k}, ties broken by position; random shuffles with the injected generator.
 */
public final class NerSampler {
  private final NerStrategy strategy;
  private final RandomGenerator random;

  public NerSampler(NerStrategy strategy, RandomGenerator random) {
    this.strategy = java.util.Objects.requireNonNull(strategy);
    this.random = java.util.Objects.requireNonNull(random);
  }

  /** Indices into {@code pool} of up to {@code k} sentences to label next; {@code model} may be null for random. */
  public List<Integer> select(NerModel model, List<NerSentence> pool, int k) {
    int n = pool.size();
    k = Math.min(k, n);
    if (strategy == NerStrategy.RANDOM || model == null) {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) idx[i] = i;
      List<Integer> out = new ArrayList<>(k);
      for (int i = 0; i < k; i++) {
        int j = i + random.nextInt(n - i);
        int t = idx[i]; idx[i] = idx[j]; idx[j] = t;
        out.add(idx[i]);
      }
      return out;
    }
    double[] score = new double[n];
    for (int i = 0; i < n; i++) score[i] = strategy.score(model.analyse(pool.get(i)).uncertainty());
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) order.add(i);
    order.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i));
    return List.copyOf(order.subList(0, k));
  }
}
