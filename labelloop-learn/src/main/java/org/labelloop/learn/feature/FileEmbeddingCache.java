package org.labelloop.learn.feature;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link EmbeddingCache} in one append-only file, so the offline commands embed a text once across runs: a record is
 * the 32-byte key (the hex SHA-256 of {@link CachedEmbedder#key}), the dimension and the floats. The whole file is read
 * into memory when opened; each new vector is appended with one write in append mode, so two processes sharing the
 * file do not interleave records. A record cut short (a process killed mid-write) is cut off when the file is next
 * opened. Deleting the file clears the cache.
 */
public final class FileEmbeddingCache implements EmbeddingCache, AutoCloseable {
  private static final int KEY_BYTES = 32;

  private final ConcurrentHashMap<String, float[]> map = new ConcurrentHashMap<>();
  private final OutputStream out;
  private final Path file;

  public FileEmbeddingCache(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        long good = load(file);
        if (ch.size() > good) ch.truncate(good);
      }
      out = Files.newOutputStream(file, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the embedding cache " + file, e);
    }
  }

  /** Reads every complete record and returns the length they span. */
  private long load(Path file) throws IOException {
    long good = 0;
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      byte[] key = new byte[KEY_BYTES];
      while (true) {
        in.readFully(key);
        int dim = in.readInt();
        if (dim < 1 || dim > 65_536) break;
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) v[i] = in.readFloat();
        map.put(HexFormat.of().formatHex(key), v);
        good += KEY_BYTES + 4 + 4L * dim;
      }
    } catch (EOFException end) {
      // a complete file ends here too
    }
    return good;
  }

  public Path file() { return file; }

  /** Vectors held. */
  public int size() { return map.size(); }

  @Override public float[] get(String key) { return map.get(key); }

  @Override public void put(String key, float[] vector) {
    if (map.putIfAbsent(key, vector.clone()) != null) return;
    ByteBuffer b = ByteBuffer.allocate(KEY_BYTES + 4 + 4 * vector.length);
    b.put(HexFormat.of().parseHex(key)).putInt(vector.length);
    for (float f : vector) b.putFloat(f);
    try {
      synchronized (out) {
        out.write(b.array());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the embedding cache " + file, e);
    }
  }

  @Override public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
