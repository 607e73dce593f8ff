package org.labelloop.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON written straight as UTF-8 bytes into a buffer of its own, for the JSONL export's loop over every row: text
 * stored as UTF-8 is escaped byte by byte and stored JSON is copied as it is, so no row is decoded into Java strings
 * and encoded again. It escapes exactly as Jackson 2's generator does by default ({@code \" \\ \b \t \n \f \r}, other
 * control characters as backslash-u00XX, a character beyond the BMP, an emoji, as the backslash-u escapes of its two
 * surrogates, nothing else), so the export's bytes are the ones Jackson wrote before; Jackson's per-value bookkeeping
 * was two thirds of the export's server CPU (BENCHMARKS.md, issue 18 §4).
 */
final class JsonBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  /** Per ASCII byte: 0 written as it is, -1 as backslash-u00XX, else the letter written after a backslash. */
  private static final byte[] ESCAPES = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = -1;
    }
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
  }

  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int n;

  JsonBytes(OutputStream out) {
    this.out = out;
  }

  /** Characters known to need no escaping (field names, punctuation, digits, enum names), one byte each. */
  JsonBytes ascii(String s) throws IOException {
    int len = s.length();
    if (len > buf.length - n) {
      drain();
    }
    for (int i = 0; i < len; i++) {
      buf[n++] = (byte) s.charAt(i);
    }
    return this;
  }

  /** JSON text (or null) copied as it is. */
  JsonBytes raw(byte[] json) throws IOException {
    return json == null ? raw(NULL, 0, NULL.length) : raw(json, 0, json.length);
  }

  /** A quoted string from UTF-8 bytes, or null. */
  JsonBytes string(byte[] utf8) throws IOException {
    if (utf8 == null) {
      return raw(NULL);
    }
    byte1('"');
    int start = 0;
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i];
      if (b >= 0 && ESCAPES[b] != 0) {
        raw(utf8, start, i - start);
        escape(b);
        start = i + 1;
      } else if ((b & 0xF8) == 0xF0 && i + 3 < utf8.length) { // four bytes: a character beyond the BMP
        raw(utf8, start, i - start);
        int c = ((b & 0x07) << 18 | (utf8[i + 1] & 0x3F) << 12 | (utf8[i + 2] & 0x3F) << 6 | utf8[i + 3] & 0x3F) - 0x10000;
        unicodeEscape(0xD800 + (c >> 10));
        unicodeEscape(0xDC00 + (c & 0x3FF));
        i += 3;
        start = i + 1;
      }
    }
    raw(utf8, start, utf8.length - start);
    byte1('"');
    return this;
  }

  /** A quoted string, or null. */
  JsonBytes string(String s) throws IOException {
    return string(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  JsonBytes number(long v) throws IOException {
    return ascii(Long.toString(v));
  }

  /** As Jackson: {@link Double#toString}, and a quoted string where that is not a JSON number (NaN, infinities). */
  JsonBytes number(double v) throws IOException {
    return Double.isFinite(v) ? ascii(Double.toString(v)) : string(Double.toString(v));
  }

  JsonBytes bool(boolean v) throws IOException {
    return ascii(v ? "true" : "false");
  }

  /** Writes what is buffered and flushes the stream. */
  void flush() throws IOException {
    drain();
    out.flush();
  }

  private void escape(int b) throws IOException {
    if (ESCAPES[b] > 0) {
      if (buf.length - n < 2) {
        drain();
      }
      buf[n++] = '\\';
      buf[n++] = ESCAPES[b];
    } else {
      unicodeEscape(b);
    }
  }

  private void unicodeEscape(int c) throws IOException {
    if (buf.length - n < 6) {
      drain();
    }
    buf[n++] = '\\';
    buf[n++] = 'u';
    buf[n++] = HEX[c >> 12];
    buf[n++] = HEX[c >> 8 & 0xF];
    buf[n++] = HEX[c >> 4 & 0xF];
    buf[n++] = HEX[c & 0xF];
  }

  private void byte1(char c) throws IOException {
    if (n == buf.length) {
      drain();
    }
    buf[n++] = (byte) c;
  }

  private JsonBytes raw(byte[] bytes, int off, int len) throws IOException {
    if (len > buf.length - n) {
      drain();
      if (len > buf.length) {
        out.write(bytes, off, len);
        return this;
      }
    }
    System.arraycopy(bytes, off, buf, n, len);
    n += len;
    return this;
  }

  private void drain() throws IOException {
    out.write(buf, 0, n);
    n = 0;
  }
}
