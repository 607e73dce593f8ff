package org.labelloop.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Passes an image file through while keeping its first bytes (to read its size from the header afterwards) and its
 * last bytes (to see that it is complete). Magic bytes alone do not make an image: an 8-byte PNG signature, a PNG cut
 * short, or a header that claims 2147483647 x 2147483647 pixels is rejected. A PNG must end with its IEND chunk; the
 * formats javax.imageio reads (PNG, JPEG, GIF) must have a readable size within the limits.
 */
final class ImageBytes extends FilterInputStream {
  /** JPEG headers come after EXIF and ICC segments of up to 64 KiB each. */
  static final int HEAD_BYTES = 256 << 10;
  /** A PNG's IEND chunk: length 0, type, CRC. */
  private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

  private final byte[] head;
  private final byte[] tail = new byte[PNG_END.length];
  private int headLength;
  private long total;

  ImageBytes(InputStream in, boolean image) {
    super(in);
    this.head = new byte[image ? HEAD_BYTES : 0];
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      int copy = Math.min(n, head.length - headLength);
      System.arraycopy(b, off, head, headLength, copy);
      headLength += copy;
      int keep = Math.min(n, tail.length);
      System.arraycopy(tail, keep, tail, 0, tail.length - keep);
      System.arraycopy(b, off + n - keep, tail, tail.length - keep, keep);
      total += n;
    }
    return n;
  }

  /** The size the header gives, when javax.imageio can read it. */
  Optional<ImageSize> size() {
    return headLength == 0 ? Optional.empty() : ImageSize.read(head, headLength);
  }

  /** Why the image must not be imported, or null. */
  String problem(MediaType type, ImportLimits limits) {
    if (type == MediaType.PNG && (total < PNG_END.length || !Arrays.equals(tail, PNG_END))) {
      return "the PNG is incomplete (it does not end with its IEND chunk)";
    }
    if (type != MediaType.PNG && type != MediaType.JPEG && type != MediaType.GIF) {
      return null; // WebP: no reader here to check it with
    }
    Optional<ImageSize> size = size();
    if (size.isEmpty()) {
      return "the " + type.name() + " header cannot be read (damaged or cut short)";
    }
    ImageSize s = size.get();
    if (s.width() > limits.maxImageSide() || s.height() > limits.maxImageSide()
        || (long) s.width() * s.height() > limits.maxImagePixels()) {
      return "the image claims " + s + " pixels, more than the limit of " + limits.maxImageSide() + " a side and "
          + limits.maxImagePixels() + " in all";
    }
    return null;
  }
}
