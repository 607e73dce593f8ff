package org.labelloop.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range a {@code Range} header asks of a file of {@code size} bytes (RFC 9110 §14): {@code bytes=F-L},
 * {@code bytes=F-} or the last N bytes {@code bytes=-N}. A header this does not read (another unit, several ranges,
 * garbage) is ignored and the whole file is sent, as the RFC allows; {@link #unsatisfiable} asks for nothing the file has.
 */
record ByteRange(long first, long last) {
  private static final Pattern ONE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

  /** Marks a range that starts past the end of the file: the answer is 416. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  /** The range to send, {@link #UNSATISFIABLE}, or null for the whole file. */
  static ByteRange of(String header, long size) {
    Matcher m = header == null ? null : ONE.matcher(header.strip());
    if (m == null || !m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
      return null;
    }
    if (m.group(1).isEmpty()) { // the last N bytes
      long n = Long.parseLong(m.group(2));
      return n == 0 ? UNSATISFIABLE : size == 0 ? null : new ByteRange(Math.max(0, size - n), size - 1);
    }
    long first = Long.parseLong(m.group(1));
    if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
      return null;
    }
    if (first >= size) {
      return UNSATISFIABLE;
    }
    return new ByteRange(first, m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1));
  }

  long length() {
    return last - first + 1;
  }

  boolean unsatisfiable() {
    return this == UNSATISFIABLE;
  }
}
