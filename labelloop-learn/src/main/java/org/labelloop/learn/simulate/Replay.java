package org.labelloop.learn.simulate;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.labelloop.learn.strategy.Candidates;

/**
 * A task's side of an active-learning replay over a fully labeled pool (text classification, NER, tables, ...): the
 * {@link Simulator} decides which pool items are labeled; the task trains on them, measures its test set and scores
 * the rest for the strategy. A task adds one of these, never a loop of its own.
 */
public interface Replay {
  /** Items in the pool, numbered from 0. */
  int poolSize();

  /** The names of the test metrics each round reports, in the order a table shows them. */
  List<String> metrics();

  /** The metric the curve, its area (AULC) and the plot use, e.g. {@code accuracy} or {@code f1}. */
  String quality();

  /**
   * Trains on the pool items {@code labeled} (in labeling order), measures the test set, and scores the pool items
   * {@code unlabeled} (in that order) for the next pick; {@code unlabeled} is empty after the last round.
   */
  Round round(int[] labeled, int[] unlabeled);

  /** The whole pool before any model, with the vectors a cold start clusters where the task offers them (text). */
  default Candidates unscored() { return Candidates.unscored(poolSize(), null); }

  /**
   * The pool items without a label: what a project holds unlabeled beside its labels, for a model that learns from
   * them, also in the last round, where {@link #round}'s {@code unlabeled} is empty.
   */
  default int[] unlabeledPool(int[] labeled) {
    boolean[] isLabeled = new boolean[poolSize()];
    for (int i : labeled) isLabeled[i] = true;
    return IntStream.range(0, poolSize()).filter(i -> !isLabeled[i]).toArray();
  }

  /** One round's test metrics by name (the {@link #quality()} one included) and the unlabeled items' candidates. */
  record Round(Map<String, Double> metrics, Candidates unlabeled) {
    public Round {
      metrics = Map.copyOf(metrics);
    }
  }
}
