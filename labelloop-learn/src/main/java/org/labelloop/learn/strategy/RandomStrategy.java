package org.labelloop.learn.strategy;

import java.util.random.RandomGenerator;

/** Uniform random sampling ("passive learning", Settles 2009 §1): the baseline every other strategy must beat. */
final class RandomStrategy implements QueryStrategy {
  @Override public String name() { return "random"; }

  @Override public double[] scores(Candidates candidates, int batch, RandomGenerator random) {
    double[] s = new double[candidates.size()];
    for (int i = 0; i < s.length; i++) s[i] = random.nextDouble();
    return s;
  }
}
