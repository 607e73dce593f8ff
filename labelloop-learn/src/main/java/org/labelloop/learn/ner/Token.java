package org.labelloop.learn.ner;

import java.util.Objects;

/** A token: its text and UTF-16 offsets {@code [begin, end)} into the source text. */
public record Token(String text, int begin, int end) {
  public Token {
    Objects.requireNonNull(text, "text");
    if (begin < 0 || end <= begin) throw new IllegalArgumentException("bad token offsets [" + begin + ", " + end + ")");
    if (text.length() != end - begin) {
      throw new IllegalArgumentException("token text '" + text + "' does not match offsets [" + begin + ", " + end + ")");
    }
  }
}
