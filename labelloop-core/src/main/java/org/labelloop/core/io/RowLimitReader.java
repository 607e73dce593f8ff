package org.labelloop.core.io;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Caps how many characters a parser may pull for one row, so that one huge row fails before it is held in memory. The
 * row source calls {@link #nextRow()} after each row it got; a parser reads ahead by at most its buffer, so the cap
 * is exact to within that (8 KiB), which is far below any sensible limit.
 */
final class RowLimitReader extends FilterReader {
  private final long maxChars;
  private long sinceRow;

  RowLimitReader(Reader in, long maxChars) {
    super(in);
    this.maxChars = maxChars;
  }

  /** The parser has handed out a whole row: count the next one from here. */
  void nextRow() {
    sinceRow = 0;
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    return read(one, 0, 1) < 0 ? -1 : one[0];
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (sinceRow > maxChars) {
      throw new RowTooLong(maxChars);
    }
    int n = super.read(buf, off, len);
    if (n > 0) {
      sinceRow += n;
    }
    return n;
  }

  /** One row is longer than the limit. */
  static final class RowTooLong extends IOException {
    RowTooLong(long maxChars) {
      super("the row is longer than the limit of " + maxChars + " characters; the rest of the file was not read");
    }
  }
}
