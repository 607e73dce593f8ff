package org.labelloop.learn.ner;

/**
 * How unsure the tagger is about a sentence (higher = more worth labeling). {@code leastConfidence} is
 * {@code 1 - P(Viterbi path)} (Settles and Craven 2008); {@code meanEntropy}/{@code maxEntropy} are the mean and
 * maximum token marginal entropy in nats; {@code spanMargin} is {@code 1 - min |2p - 1|} over predicted spans, and
 * over tokens outside them with the probability that an entity starts there.
 */
public record SentenceUncertainty(double leastConfidence, double meanEntropy, double maxEntropy, double spanMargin) {
  public SentenceUncertainty {
    if (!(leastConfidence >= -1e-9 && leastConfidence <= 1 + 1e-9)) throw new IllegalArgumentException("leastConfidence " + leastConfidence);
    if (meanEntropy < -1e-9 || maxEntropy < -1e-9) throw new IllegalArgumentException("negative entropy");
  }
}
