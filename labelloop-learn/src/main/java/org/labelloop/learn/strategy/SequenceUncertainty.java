package org.labelloop.learn.strategy;

/**
 * Sequence tagging's reduction of a sentence's outputs to one score per {@link Measure}, each in [0, 1]:
 * least confidence is {@code 1 - P(best path)} (Settles &amp; Craven 2008, "An Analysis of Active Learning Strategies
 * for Sequence Labeling Tasks"); entropy the mean and maximum token-marginal entropy over {@code ln K}; margin
 * {@code 1 - min |2p - 1|} over the predicted spans' probabilities and, for tokens outside every span, the
 * probability that they are outside.
 */
public record SequenceUncertainty(double leastConfidence, double meanEntropy, double maxEntropy, double spanMargin) {
  public static final SequenceUncertainty EMPTY = new SequenceUncertainty(0, 0, 0, 0);

  public SequenceUncertainty {
    for (double v : new double[] {leastConfidence, meanEntropy, maxEntropy, spanMargin}) {
      if (!(v >= -1e-9 && v <= 1 + 1e-9)) throw new IllegalArgumentException("uncertainty outside [0, 1]: " + v);
    }
  }

  /**
   * @param pathProbability the best tag path's probability
   * @param tokenMarginals per token, the distribution over tags
   * @param spanProbabilities per predicted span, the probability that exactly this segment is right
   * @param outsideProbabilities per token outside every predicted span, its probability of being outside
   */
  public static SequenceUncertainty of(double pathProbability, double[][] tokenMarginals, double[] spanProbabilities,
      double[] outsideProbabilities) {
    if (tokenMarginals.length == 0) return EMPTY;
    double sum = 0, max = 0;
    for (double[] token : tokenMarginals) {
      double h = Measure.entropy(token);
      sum += h;
      max = Math.max(max, h);
    }
    double minMargin = 1;
    for (double p : spanProbabilities) minMargin = Math.min(minMargin, Math.abs(2 * p - 1));
    for (double p : outsideProbabilities) minMargin = Math.min(minMargin, Math.abs(2 * p - 1));
    return new SequenceUncertainty(clamp(1 - pathProbability), clamp(sum / tokenMarginals.length), clamp(max),
        clamp(1 - minMargin));
  }

  public double of(Measure measure) {
    return switch (measure) {
      case LEAST_CONFIDENCE -> leastConfidence;
      case MARGIN -> spanMargin;
      case ENTROPY -> meanEntropy;
      case MAX_ENTROPY -> maxEntropy;
    };
  }

  private static double clamp(double v) { return Math.max(0, Math.min(1, v)); }
}
