package org.labelloop.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an import file as strict UTF-8 and fails at the line that is wrong. Unlike an {@code InputStreamReader},
 * which throws away the characters decoded in the same read as the first bad byte (so the error surfaces a whole buffer
 * early, on line 1 of a small file), it hands out every good character first and fails only when the reader asks for
 * the bad one; the line it names counts the newlines handed out before. A leading byte-order mark is dropped; NUL
 * characters (a binary file) and more than {@code maxBytes} bytes are errors too.
 */
final class Utf8Reader extends Reader {
  private final InputStream in;
  private final long maxBytes;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
  private long bytesRead;
  private long newlines;
  private boolean eof;
  private boolean flushed;
  private boolean started;
  /** The file starts as a zip archive does (an .xlsx or .ods workbook is one). */
  private boolean zip;
  private boolean utf16;
  private IOException pending;
  /** Why the bytes after the characters of this read cannot be decoded; becomes {@link #pending} once they are counted. */
  private String undecodable;

  Utf8Reader(InputStream in, long maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** A bad file: names its line, and is an IOException so that every reader passes it on unchanged. */
  static final class BadText extends CharacterCodingException {
    private final long line;
    private final String reason;

    BadText(long line, String reason) {
      this.line = line;
      this.reason = reason;
    }

    long line() {
      return line;
    }

    @Override
    public String getMessage() {
      return "line " + line + ": " + reason;
    }

    String reason() {
      return reason;
    }
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (pending != null) {
      throw pending;
    }
    if (len == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(buf, off, len);
    while (out.position() == off && pending == null && undecodable == null) {
      if (flushed) {
        return -1;
      }
      CoderResult result = decoder.decode(bytes, out, eof);
      if (result.isError()) {
        undecodable = utf16 ? "the file is not UTF-8 (it starts like UTF-16: save it as UTF-8)" : "the file is not valid UTF-8";
      } else if (result.isUnderflow() && out.position() == off) {
        if (eof) {
          decoder.flush(out);
          flushed = true;
        } else {
          fill();
        }
      }
    }
    int n = out.position() - off;
    if (!started && n > 0) {
      started = true;
      zip = n >= 4 && buf[off] == 'P' && buf[off + 1] == 'K' && buf[off + 2] == 3 && buf[off + 3] == 4;
      if (buf[off] == '\uFEFF') {
        System.arraycopy(buf, off + 1, buf, off, --n);
        if (n == 0) {
          return read(buf, off, len);
        }
      }
    }
    for (int i = off; i < off + n; i++) {
      char c = buf[i];
      if (c == '\n') {
        newlines++;
      } else if (c == 0) {
        n = i - off;
        pending = bad("the file contains NUL bytes: it is a binary file, not text" + (zip ? " (a zip archive: " + ImportFormat.WORKBOOK
            + "; images or audio in a zip import with the format zip)" : ""));
        break;
      }
    }
    if (undecodable != null && pending == null) {
      pending = bad(undecodable);
    }
    if (n == 0 && pending != null) {
      throw pending;
    }
    return n;
  }

  private BadText bad(String reason) {
    return new BadText(newlines + 1, reason);
  }

  private void fill() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      if (bytesRead == 0 && n >= 2) {
        int b0 = bytes.get(0) & 0xFF;
        int b1 = bytes.get(1) & 0xFF;
        utf16 = b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF;
      }
      bytesRead += n;
      bytes.position(bytes.position() + n);
      if (bytesRead > maxBytes) {
        pending = new FileTooLarge(maxBytes);
      }
    }
    bytes.flip();
  }

  /** More bytes than the import allows: the reading stops. */
  static final class FileTooLarge extends IOException {
    FileTooLarge(long maxBytes) {
      super("the file is larger than the limit of " + maxBytes + " bytes; the rest was not read");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
