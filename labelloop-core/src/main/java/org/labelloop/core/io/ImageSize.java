package org.labelloop.core.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** The width and height of an image in pixels, read from its header (javax.imageio reads PNG, JPEG and GIF headers). */
public record ImageSize(int width, int height) {
  public ImageSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
  }

  /** The size the image's header gives, reading no further than the header; empty when no reader knows the format. */
  public static Optional<ImageSize> read(InputStream in) {
    // a memory cache: ImageIO's default file cache would write a temporary file for every image
    try (ImageInputStream image = new MemoryCacheImageInputStream(in)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(image);
      if (!readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(image, true, true);
        return Optional.of(new ImageSize(reader.getWidth(0), reader.getHeight(0)));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The size in the first bytes of an image file, when its header lies within them. */
  public static Optional<ImageSize> read(byte[] head, int length) {
    return read(new ByteArrayInputStream(head, 0, length));
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
