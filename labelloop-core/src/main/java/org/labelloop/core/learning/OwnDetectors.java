package org.labelloop.core.learning;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Projects' own detectors, the {@code capacity} used last kept loaded (one ONNX session each). The least recently used
 * one is closed before another loads, so no more than {@code capacity} sessions are ever open.
 */
final class OwnDetectors implements AutoCloseable {
  private final int capacity;
  private final Map<DetectorModel, DetectorModel.Loaded> loaded = new LinkedHashMap<>(4, 0.75f, true);

  OwnDetectors(int capacity) {
    this.capacity = capacity;
  }

  /** The loaded {@code model}; throws {@link IllegalArgumentException} when its file no longer loads. */
  synchronized DetectorModel.Loaded get(DetectorModel model) {
    DetectorModel.Loaded hit = loaded.get(model);
    if (hit != null) return hit;
    if (loaded.size() >= capacity) {
      Iterator<DetectorModel.Loaded> eldest = loaded.values().iterator();
      eldest.next().detector().close();
      eldest.remove();
    }
    DetectorModel.Loaded fresh = model.load();
    loaded.put(model, fresh);
    return fresh;
  }

  @Override
  public synchronized void close() {
    loaded.values().forEach(l -> l.detector().close());
    loaded.clear();
  }
}
