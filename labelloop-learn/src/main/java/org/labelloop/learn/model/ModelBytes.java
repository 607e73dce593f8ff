package org.labelloop.learn.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained model as bytes: gzipped Java serialization. Models are read back only from the project's own store, never
 * from uploads, so the usual caution about deserializing untrusted bytes does not apply.
 */
public final class ModelBytes {
  private ModelBytes() {}

  public static byte[] write(Serializable model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(bytes))) {
      out.writeObject(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads a model written by {@link #write}; bytes of anything else are an {@link IllegalArgumentException}. */
  public static <T> T read(byte[] bytes, Class<T> type) {
    try (ObjectInputStream in = new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
      return type.cast(in.readObject());
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalArgumentException("not a Labelloop " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
