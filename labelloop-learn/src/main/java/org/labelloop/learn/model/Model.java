package org.labelloop.learn.model;

import java.util.List;
import org.labelloop.learn.feature.FeatureCache;

/**
 * A trained text classifier. Probabilities are calibrated and cover every class in {@link #classes()} order.
 * Implementations are immutable and thread-safe.
 */
public interface Model {
  /** Class names, the column order of {@link #predictProba}. */
  List<String> classes();

  /** One calibrated probability distribution per text. */
  double[][] predictProba(List<String> texts);

  /** Same as {@link #predictProba(List)} for all texts of a cache, reusing its n-gram counts and embeddings. */
  double[][] predictProba(FeatureCache cache);

  ModelCard card();

  /** Serialised form; read back with {@link TextModel#load(byte[], org.labelloop.learn.feature.TextEmbedder)}. */
  byte[] save();
}
