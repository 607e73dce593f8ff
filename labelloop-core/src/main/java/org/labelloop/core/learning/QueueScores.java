package org.labelloop.core.learning;

import java.util.SplittableRandom;
import org.labelloop.learn.strategy.Candidates;

/**
 * The queue's scores for a model's pool: the project's strategy from the learn module's registry, with the batch size
 * and a seeded generator, exactly as {@code simulate} calls it (the queue serves the highest score first, ties by
 * asset id; the simulator labels the first {@code batch}).
 */
final class QueueScores {
  private QueueScores() {}

  static double[] of(LearningSettings settings, Candidates pool, long seed) {
    return settings.strategy().scores(pool, settings.batchSize(), new SplittableRandom(seed));
  }
}
