package org.labelloop.learn.strategy;

import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Uncertainty sampling (Lewis &amp; Gale 1994; Settles 2009 §3.1): "the active learner queries the instances about
 * which it is least certain how to label", by one {@link Measure} reduced per item by the task. Before the first
 * model there is nothing to be uncertain about, so it takes the {@link ColdStart} order.
 */
final class UncertaintySampling implements QueryStrategy {
  private final Measure measure;

  UncertaintySampling(Measure measure) { this.measure = measure; }

  @Override public String name() { return measure.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

  @Override public double[] scores(Candidates candidates, int batch, RandomGenerator random) {
    if (!candidates.scored()) return new ColdStart().scores(candidates, batch, random);
    return of(candidates, measure);
  }

  static double[] of(Candidates candidates, Measure measure) {
    double[] s = new double[candidates.size()];
    ItemUncertainty u = candidates.uncertainty();
    IntStream.range(0, s.length).parallel().forEach(i -> s[i] = u.of(i, measure));
    return s;
  }
}
