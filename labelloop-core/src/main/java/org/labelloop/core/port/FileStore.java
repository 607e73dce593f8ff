package org.labelloop.core.port;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import org.labelloop.core.error.LabelloopException;

/**
 * Keeps the files of image and audio assets. A stored file is named by a key ({@code projectId/...}) that an asset's
 * content holds. Imports write through a {@link Staging}: files land in a private area first and become visible only
 * when {@link Staging#publish published}, which the importer does inside its transaction just before the commit, and
 * undoes with {@link Staging#unpublish()} if the commit does not happen. A crash before publishing leaves only staged
 * files, which the store removes when it starts; a crash between publishing and committing leaves files that no asset
 * names, so nobody can ever read them.
 */
public interface FileStore {
  /** Opens a private staging area for one import into this project. Close it to drop what was not published. */
  Staging stage(String projectId);

  /** Reads a stored file; a key that names no file is not found. */
  InputStream open(String key) throws IOException;

  /** A stored file's size in bytes (so that a player may ask for a range of it); a key that names no file is not found. */
  long size(String key) throws IOException;

  /** Removes every file of a project (after the project was deleted). */
  void delete(String projectId);

  /** Stores one file at once, visible immediately: for callers outside an import. */
  default String put(String projectId, String name, InputStream in) throws IOException {
    try (Staging staging = stage(projectId)) {
      String key = staging.put(name, in, Long.MAX_VALUE);
      staging.publish(java.util.List.of(key));
      return key;
    }
  }

  /**
   * The key of a file: {@code projectId/ab/cdef.../name}, the SHA-256 of its bytes (first 2 hex digits, then the next
   * 30) and a safe form of its name, so the same bytes under the same name are stored once per project.
   */
  static String key(String projectId, byte[] sha256, String name) {
    String hex = java.util.HexFormat.of().formatHex(sha256);
    return projectId + "/" + hex.substring(0, 2) + "/" + hex.substring(2, 32) + "/" + safeName(name);
  }

  /** A name safe on every file system: letters, digits, {@code . _ -}; no leading dot; the extension kept. */
  static String safeName(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    String s = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._-]+", "");
    int dot = s.lastIndexOf('.');
    String ext = dot > 0 ? s.substring(dot).toLowerCase(java.util.Locale.ROOT) : "";
    String stem = dot > 0 ? s.substring(0, dot) : s;
    if (ext.length() > 10) {
      ext = "";
      stem = s;
    }
    if (stem.isEmpty()) {
      stem = "file";
    }
    return stem.substring(0, Math.min(stem.length(), 100)) + ext;
  }

  /** Copies {@code in} to {@code out} and returns the bytes copied; more than {@code maxBytes} is a {@link TooLarge} error. */
  static long copy(InputStream in, java.io.OutputStream out, long maxBytes) throws IOException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      total += n;
      if (total > maxBytes) {
        throw new TooLarge(maxBytes);
      }
      out.write(buf, 0, n);
    }
    return total;
  }

  /** Files written during one import, invisible until published. */
  interface Staging extends AutoCloseable {
    /**
     * Copies {@code in} into the staging area under a safe form of {@code name} and returns the key it will have.
     * More than {@code maxBytes} bytes is a {@link TooLarge} error and leaves nothing behind.
     */
    String put(String name, InputStream in, long maxBytes) throws IOException;

    /** Moves these staged files into place, so that {@link FileStore#open} finds them. */
    void publish(Collection<String> keys);

    /** Removes every file this staging published (the import's transaction rolled back). */
    void unpublish();

    /** Deletes whatever is still staged. */
    @Override
    void close();
  }

  /** A file over the size allowed. */
  final class TooLarge extends IOException {
    public TooLarge(long maxBytes) {
      super("larger than the limit of " + maxBytes + " bytes");
    }
  }

  /** For wirings without file storage: every use says so. */
  FileStore NONE =
      new FileStore() {
        @Override
        public Staging stage(String projectId) {
          throw LabelloopException.invalid("this server has no file storage configured for image or audio files");
        }

        @Override
        public InputStream open(String key) {
          throw LabelloopException.notFound("File " + key);
        }

        @Override
        public long size(String key) {
          throw LabelloopException.notFound("File " + key);
        }

        @Override
        public void delete(String projectId) {}
      };
}
