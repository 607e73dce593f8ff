package org.labelloop.learn.sampling;

import java.util.Objects;

/**
 * What a sampler may look at for each unlabeled candidate: the current model's calibrated class probabilities
 * ({@code null} before the first model) and optional vectors (embeddings) for diversity, one row per candidate.
 */
public record Candidates(double[][] proba, float[][] vectors) {
  public Candidates {
    if (proba == null && vectors == null) throw new IllegalArgumentException("need probabilities or vectors");
    if (proba != null && vectors != null && proba.length != vectors.length) {
      throw new IllegalArgumentException("proba and vectors differ in length");
    }
  }

  public static Candidates ofProba(double[][] proba) { return new Candidates(Objects.requireNonNull(proba), null); }

  public int size() { return proba != null ? proba.length : vectors.length; }
}
