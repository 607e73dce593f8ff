package org.labelloop.core.io;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ({@code \n} or {@code \r\n}) of at most {@code maxChars} characters. A longer line is skipped without
 * being kept and reported as {@link #TOO_LONG}, so the next line reads normally; memory stays at one line's limit.
 */
final class BoundedLines {
  /** Stands for a line over the limit (compared by identity). */
  static final String TOO_LONG = new String("line too long");

  private final Reader in;
  private final int maxChars;
  private final char[] buf = new char[1 << 16];
  private final StringBuilder line = new StringBuilder();
  private int pos;
  private int end;
  private boolean eof;
  private long lineNo;

  BoundedLines(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line that is not blank, {@link #TOO_LONG}, or null at the end; {@link #lineNumber()} tells which. */
  String nextNonBlank() throws IOException {
    String line;
    do {
      line = next();
    } while (line != null && line != TOO_LONG && line.isBlank());
    return line;
  }

  /** The number of the line read last, from 1 (0 before the first). */
  long lineNumber() {
    return lineNo;
  }

  /** The next line without its line break, {@link #TOO_LONG}, or null at the end. */
  String next() throws IOException {
    line.setLength(0);
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        if (eof) {
          return any ? result(tooLong) : null;
        }
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
          eof = true;
          continue;
        }
        pos = 0;
        end = n;
      }
      any = true;
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      if (!tooLong) {
        if (line.length() + (pos - start) > maxChars) {
          tooLong = true;
          line.setLength(0);
        } else {
          line.append(buf, start, pos - start);
        }
      }
      if (pos < end) {
        pos++; // the '\n'
        return result(tooLong);
      }
    }
  }

  private String result(boolean tooLong) {
    lineNo++;
    if (tooLong) {
      return TOO_LONG;
    }
    int n = line.length();
    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
  }
}
