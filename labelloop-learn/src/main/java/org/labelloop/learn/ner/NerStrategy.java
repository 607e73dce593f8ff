package org.labelloop.learn.ner;

import java.util.Arrays;
import java.util.Locale;

/** Sentence selection strategies for active learning: random, or one uncertainty score (highest first). */
public enum NerStrategy {
  RANDOM("random"),
  LEAST_CONFIDENCE("least-confidence"),
  TOKEN_ENTROPY("token-entropy"),
  MAX_ENTROPY("max-entropy"),
  SPAN_MARGIN("span-margin");

  private final String cliName;

  NerStrategy(String cliName) { this.cliName = cliName; }

  public String cliName() { return cliName; }

  public static NerStrategy parse(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (NerStrategy s : values()) if (s.cliName.equals(n) || s.name().equalsIgnoreCase(n)) return s;
    throw new IllegalArgumentException("unknown NER strategy '" + name + "', expected one of "
        + Arrays.stream(values()).map(NerStrategy::cliName).toList());
  }

  /** The score to rank by (higher = pick first); RANDOM has none. */
  public double score(SentenceUncertainty u) {
    return switch (this) {
      case RANDOM -> 0;
      case LEAST_CONFIDENCE -> u.leastConfidence();
      case TOKEN_ENTROPY -> u.meanEntropy();
      case MAX_ENTROPY -> u.maxEntropy();
      case SPAN_MARGIN -> u.spanMargin();
    };
  }
}
