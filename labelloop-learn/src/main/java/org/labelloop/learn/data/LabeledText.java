package org.labelloop.learn.data;

import java.util.Objects;
import java.util.Set;

/** One training example: an id, its text and one label (single-label) or several (multi-label). */
public record LabeledText(String id, String text, Set<String> labels) {
  public LabeledText {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    labels = Set.copyOf(Objects.requireNonNull(labels, "labels"));
    if (labels.isEmpty()) throw new IllegalArgumentException("example " + id + " has no label");
  }

  /** A single-label example. */
  public static LabeledText of(String id, String text, String label) {
    return new LabeledText(id, text, Set.of(label));
  }

  /** The label of a single-label example (the smallest, if there are several). */
  public String label() {
    return labels.size() == 1 ? labels.iterator().next() : labels.stream().sorted().findFirst().orElseThrow();
  }
}
