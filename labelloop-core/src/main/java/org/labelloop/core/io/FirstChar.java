package org.labelloop.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import org.labelloop.core.error.LabelloopException;

/**
 * Tells a JSON array from JSON Lines (or from CSV) by the first character that is not white space, read without
 * being consumed. Only the first 64 K characters are looked at: a file that is blank that far is read as lines.
 */
final class FirstChar {
  private static final int WINDOW = 1 << 16;

  private FirstChar() {}

  /** The reader to read the file from after {@link #of}: it must be this one, which can step back. */
  static BufferedReader peekable(Reader in) {
    return in instanceof BufferedReader b ? b : new BufferedReader(in, WINDOW);
  }

  /** The first character that is not white space, or -1; {@code in} must come from {@link #peekable}. */
  static int of(BufferedReader in) {
    try {
      in.mark(WINDOW);
      try {
        for (int i = 0; i < WINDOW; i++) {
          int c = in.read();
          if (c < 0 || !Character.isWhitespace(c)) {
            return c;
          }
        }
        return -1;
      } finally {
        in.reset();
      }
    } catch (IOException e) {
      throw LabelloopException.invalid("line " + Messages.lineOf(e, 1) + ": " + Messages.rootMessage(e));
    }
  }
}
