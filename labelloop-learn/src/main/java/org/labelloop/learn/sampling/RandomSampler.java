package org.labelloop.learn.sampling;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Uniform random sampling: the baseline every strategy must beat. */
public final class RandomSampler implements Sampler {
  @Override public String name() { return "random"; }

  @Override public int[] select(Candidates candidates, int batch, RandomGenerator random) {
    int n = candidates.size();
    int k = Math.min(batch, n);
    int[] out = new int[k];
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < k; ) { // rejection sampling: O(k) for k << n, no O(n) permutation
      int c = random.nextInt(n);
      if (seen.add(c)) out[i++] = c;
    }
    return out;
  }
}
