package org.labelloop.learn.strategy;

import java.util.List;

/**
 * A task's reduction of its model outputs to one uncertainty per unlabeled item and {@link Measure}, in [0, 1]:
 * a class distribution per item for classification, a threshold per class for multi-label, token marginals and span
 * probabilities for sequence tagging ({@link SequenceUncertainty}).
 */
@FunctionalInterface
public interface ItemUncertainty {
  double of(int item, Measure measure);

  /** One class distribution per item (single-label classification). */
  static ItemUncertainty distributions(double[][] proba) {
    return (item, measure) -> measure.of(proba[item]);
  }

  /**
   * One-vs-rest probabilities with a decision threshold per class (multi-label): every measure scores an item by its
   * class nearest to that class's threshold, {@code 1 - min_c |p_c - t_c| / (p_c >= t_c ? 1 - t_c : t_c)}: 1 when
   * some class sits on its threshold, 0 when every class is certain either way.
   */
  static ItemUncertainty thresholds(double[][] proba, double[] thresholds) {
    return (item, measure) -> {
      double nearest = 1;
      for (int c = 0; c < thresholds.length; c++) {
        double p = proba[item][c], t = thresholds[c];
        nearest = Math.min(nearest, Math.abs(p - t) / (p >= t ? 1 - t : t));
      }
      return 1 - nearest;
    };
  }

  /** One reduced tagging uncertainty per sentence. */
  static ItemUncertainty sequences(List<SequenceUncertainty> sentences) {
    return (item, measure) -> sentences.get(item).of(measure);
  }
}
