package org.labelloop.learn.ner;

import java.util.Objects;

/** A predicted span with the model's probability that exactly this tag segment is right (from forward-backward). */
public record ScoredSpan(Span span, double probability) {
  public ScoredSpan {
    Objects.requireNonNull(span);
    if (!(probability >= 0 && probability <= 1 + 1e-9)) throw new IllegalArgumentException("probability " + probability);
  }
}
