package org.labelloop.learn.sampling;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** A query strategy: which candidates to label next. */
public interface Sampler {
  /** Name as used on the command line, e.g. {@code margin}. */
  String name();

  /** Positions (into the candidate rows) of at most {@code batch} distinct candidates, most wanted first. */
  int[] select(Candidates candidates, int batch, RandomGenerator random);

  /** The sampler called {@code name}: random, least-confidence, margin, entropy, diverse or cold-start. */
  static Sampler named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "random" -> new RandomSampler();
      case "least-confidence", "least_confidence", "lc" -> new UncertaintySampler(Uncertainty.LEAST_CONFIDENCE);
      case "margin" -> new UncertaintySampler(Uncertainty.MARGIN);
      case "entropy" -> new UncertaintySampler(Uncertainty.ENTROPY);
      case "diverse" -> new DiverseBatchSampler(Uncertainty.MARGIN, 10);
      case "cold-start", "cold_start" -> new ColdStartSampler();
      default -> throw new IllegalArgumentException(
          "unknown strategy '" + name + "' (known: " + String.join(", ", known()) + ")");
    };
  }

  static List<String> known() {
    return List.of("random", "least-confidence", "margin", "entropy", "diverse", "cold-start");
  }
}
