package org.labelloop.learn.automl;

/**
 * One evaluated configuration: cross-validated metrics over the folds it was evaluated on.
 *
 * <p>For an ensemble, {@code cvAccuracy} is the cross-fitted estimate (ensemble weights chosen on half of the folds,
 * scored on the other half) when that is lower than the accuracy on the out-of-fold predictions it was selected on;
 * the other metrics are computed on those predictions and are therefore slightly optimistic.
 *
 * @param config short description without spaces
 * @param folds folds evaluated (successive halving stops weak configurations early)
 * @param cvStandardError standard error of the mean fold accuracy; NaN when evaluated on fewer than two folds
 * @param seconds wall time spent training and scoring it
 */
public record LeaderboardEntry(String config, int folds, double cvAccuracy, double cvStandardError, double macroF1,
    double weightedPrecision, double weightedRecall, double weightedF1, double ece, double seconds) {
  public LeaderboardEntry {
    if (config == null || config.contains(" ")) throw new IllegalArgumentException("config must have no spaces");
    if (folds < 0 || seconds < 0) throw new IllegalArgumentException("negative folds or seconds");
  }
}
