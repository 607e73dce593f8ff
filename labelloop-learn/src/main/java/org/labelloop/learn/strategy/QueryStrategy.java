package org.labelloop.learn.strategy;

import java.util.random.RandomGenerator;

/**
 * A query strategy: how much each unlabeled item is worth labeling next. The server's queue serves items by these
 * scores and the replay simulator labels the first {@code batch} of them, so both run the same code.
 */
public interface QueryStrategy {
  /** Name as the CLI and the learning settings spell it, e.g. {@code margin}. */
  String name();

  /**
   * One score per candidate, higher first; a strategy that picks a batch as a whole (diverse, cold start) scores its
   * {@code batch} picks above every other candidate, in pick order.
   */
  double[] scores(Candidates candidates, int batch, RandomGenerator random);

  /** Positions of at most {@code batch} distinct candidates, most wanted first; ties go to the lower position. */
  default int[] select(Candidates candidates, int batch, RandomGenerator random) {
    return TopK.largest(scores(candidates, batch, random), batch);
  }
}
