package org.labelloop.learn.ner;

import java.util.List;

/** Maps character spans onto token ranges. */
final class Alignment {
  private Alignment() {}

  /** {@code [first, endExclusive)} token range exactly covering the span, or null if it is not on token boundaries. */
  static int[] tokenRange(List<Token> tokens, Span span) {
    int first = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.begin() == span.begin()) first = i;
      if (t.end() == span.end()) return first >= 0 ? new int[] {first, i + 1} : null;
      if (t.begin() >= span.end()) return null;
    }
    return null;
  }
}
