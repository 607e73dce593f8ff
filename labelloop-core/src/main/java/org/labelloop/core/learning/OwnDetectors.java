package org.labelloop.core.learning;

import java.util.LinkedHashMap;
import java.util.Map;

/** Projects' own detectors, the {@code capacity} used last kept loaded (one ONNX session each), the one evicted closed. */
final class OwnDetectors implements AutoCloseable {
  private final Map<DetectorModel, DetectorModel.Loaded> loaded;

  OwnDetectors(int capacity) {
    loaded = new LinkedHashMap<>(4, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<DetectorModel, DetectorModel.Loaded> eldest) {
        if (size() <= capacity) return false;
        eldest.getValue().detector().close();
        return true;
      }
    };
  }

  /** The loaded {@code model}; throws {@link IllegalArgumentException} when its file no longer loads. */
  synchronized DetectorModel.Loaded get(DetectorModel model) {
    return loaded.computeIfAbsent(model, DetectorModel::load);
  }

  @Override
  public synchronized void close() {
    loaded.values().forEach(l -> l.detector().close());
    loaded.clear();
  }
}
