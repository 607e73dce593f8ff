package org.labelloop.learn.simulate;

import java.util.Map;

/** Test-set metrics of the model trained on {@code labels} labels, for one strategy and repeat. */
public record CurvePoint(String strategy, int repeat, int labels, Map<String, Double> metrics) {
  public CurvePoint {
    if (labels < 0 || repeat < 0) throw new IllegalArgumentException("negative labels or repeat");
    metrics = Map.copyOf(metrics);
  }

  /** The metric called {@code name}; an unknown name is an error, not a silent zero. */
  public double metric(String name) {
    Double v = metrics.get(name);
    if (v == null) throw new IllegalArgumentException("no metric '" + name + "' in " + metrics.keySet());
    return v;
  }
}
