package org.labelloop.learn.image;

import java.util.List;

/** Turns images (file bytes) into fixed-length vectors. Implementations are thread-safe. */
public interface ImageEncoder extends AutoCloseable {
  /** Identifies the model and its settings; part of cache keys, so it changes when the vectors would. */
  String name();

  int dimension();

  /** One vector per image, in order; {@code null} for an image that cannot be decoded. */
  float[][] embed(List<byte[]> images);

  @Override void close();
}
