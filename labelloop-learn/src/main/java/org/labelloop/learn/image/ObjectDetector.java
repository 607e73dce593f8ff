package org.labelloop.learn.image;

import java.util.List;

/** Finds boxes of known classes in an image. Implementations are thread-safe. */
public interface ObjectDetector extends AutoCloseable {
  /** The class names this detector can report, in its own order. */
  List<String> classes();

  /** Boxes scoring at least {@code minScore}, after non-maximum suppression, best first. */
  List<Detection> detect(byte[] image, double minScore) throws ImageDecodeException;

  @Override void close();
}
