package org.labelloop.learn.strategy;

/**
 * What a strategy may look at for each of {@code size} unlabeled items: the current model's {@code uncertainty}
 * (null before the first model), its item-level class probabilities ({@code proba}, null where the task has none) and
 * optional vectors (embeddings) for diversity, one row per item.
 */
public record Candidates(int size, ItemUncertainty uncertainty, double[][] proba, float[][] vectors) {
  public Candidates {
    if (size < 0) throw new IllegalArgumentException("negative size");
    if (proba != null && proba.length != size) throw new IllegalArgumentException("proba rows != size");
    if (vectors != null && vectors.length != size) throw new IllegalArgumentException("vectors rows != size");
  }

  /** Single-label class distributions, one per item. */
  public static Candidates of(double[][] proba) {
    return new Candidates(proba.length, ItemUncertainty.distributions(proba), proba, null);
  }

  /** Items no model has scored yet, with their embeddings or null. */
  public static Candidates unscored(int size, float[][] vectors) {
    return new Candidates(size, null, null, vectors);
  }

  public Candidates withVectors(float[][] v) { return new Candidates(size, uncertainty, proba, v); }

  /** Whether a model has scored these items. */
  public boolean scored() { return uncertainty != null; }
}
