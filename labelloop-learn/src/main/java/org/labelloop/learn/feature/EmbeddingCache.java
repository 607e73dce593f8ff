package org.labelloop.learn.feature;

/**
 * Where computed embeddings are kept, keyed by a hash of model name and text. The server stores them durably; the
 * CLI and tests use {@link InMemoryEmbeddingCache}. Implementations must be thread-safe.
 */
public interface EmbeddingCache {
  /** The cached vector, or {@code null}. */
  float[] get(String key);

  void put(String key, float[] vector);
}
