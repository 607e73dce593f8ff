package org.labelloop.learn.ner;

import java.util.Objects;

/** A span that could not be represented as token tags, with why (its offsets are in {@link #span()}). */
public record SpanIssue(String sentenceId, Span span, String reason) {
  public SpanIssue {
    Objects.requireNonNull(sentenceId);
    Objects.requireNonNull(span);
    Objects.requireNonNull(reason);
  }

  public String message() {
    return sentenceId + ": span [" + span.begin() + ", " + span.end() + ") " + span.label() + " " + reason;
  }
}
