package org.labelloop.learn.ner;

import java.util.Objects;

/**
 * An entity mention: UTF-16 character offsets {@code [begin, end)} into its text (as Java strings and Kili's
 * {@code beginOffset} count) and an entity type such as {@code PER}.
 */
public record Span(int begin, int end, String label) implements Comparable<Span> {
  public Span {
    Objects.requireNonNull(label, "label");
    if (begin < 0 || end <= begin) {
      throw new IllegalArgumentException("span offsets must satisfy 0 <= begin < end, got [" + begin + ", " + end + ")");
    }
    if (label.isBlank()) throw new IllegalArgumentException("span label is blank");
  }

  public int length() { return end - begin; }

  public boolean overlaps(Span other) { return begin < other.end && other.begin < end; }

  /** The covered text of {@code text}. */
  public String content(String text) { return text.substring(begin, end); }

  @Override
  public int compareTo(Span o) {
    int c = Integer.compare(begin, o.begin);
    if (c != 0) return c;
    c = Integer.compare(end, o.end);
    return c != 0 ? c : label.compareTo(o.label);
  }
}
