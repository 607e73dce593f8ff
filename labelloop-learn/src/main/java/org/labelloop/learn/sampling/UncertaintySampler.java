package org.labelloop.learn.sampling;

import java.util.random.RandomGenerator;

/** Picks the candidates the current model is least sure about (Lewis &amp; Gale 1994; Settles 2009 survey). */
public final class UncertaintySampler implements Sampler {
  private final Uncertainty measure;

  public UncertaintySampler(Uncertainty measure) { this.measure = measure; }

  @Override public String name() { return measure.name().toLowerCase().replace('_', '-'); }

  public Uncertainty measure() { return measure; }

  /** Uncertainty of every candidate. */
  public static double[] scores(double[][] proba, Uncertainty measure) {
    double[] s = new double[proba.length];
    java.util.stream.IntStream.range(0, proba.length).parallel().forEach(i -> s[i] = measure.of(proba[i]));
    return s;
  }

  @Override public int[] select(Candidates candidates, int batch, RandomGenerator random) {
    if (candidates.proba() == null) return new ColdStartSampler().select(candidates, batch, random);
    return TopK.largest(scores(candidates.proba(), measure), batch);
  }
}
