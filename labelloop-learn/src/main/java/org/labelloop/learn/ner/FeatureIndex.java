package org.labelloop.learn.ner;

import java.util.HashMap;
import java.util.Map;

/** Feature string to dense id. Grows while open; once {@link #freeze() frozen}, unknown features map to -1. */
final class FeatureIndex implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, Integer> ids = new HashMap<>(1 << 20);
  private boolean frozen;

  int id(String feature) {
    Integer id = ids.get(feature);
    if (id != null) return id;
    if (frozen) return -1;
    int next = ids.size();
    ids.put(feature, next);
    return next;
  }

  void freeze() { frozen = true; }

  boolean frozen() { return frozen; }

  int size() { return ids.size(); }
}
