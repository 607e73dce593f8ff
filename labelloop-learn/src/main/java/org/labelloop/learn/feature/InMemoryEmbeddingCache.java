package org.labelloop.learn.feature;

import java.util.concurrent.ConcurrentHashMap;

/** An unbounded, thread-safe in-memory {@link EmbeddingCache}. */
public final class InMemoryEmbeddingCache implements EmbeddingCache {
  private final ConcurrentHashMap<String, float[]> map = new ConcurrentHashMap<>();

  @Override public float[] get(String key) { return map.get(key); }

  @Override public void put(String key, float[] vector) { map.put(key, vector.clone()); }

  public int size() { return map.size(); }
}
