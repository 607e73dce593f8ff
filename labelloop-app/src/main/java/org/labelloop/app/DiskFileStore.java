package org.labelloop.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.labelloop.core.port.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of image and audio assets, on disk under {@code DATA_DIR/files}: a file's key is
 * {@code projectId/ab/cdef.../name}, the SHA-256 of its bytes (first 2 hex digits, then the next 30) and a sanitized
 * name, so the same bytes under the same name are stored once per project. Imports write into
 * {@code files/.staging/<uuid>/} (same file system, so publishing is an atomic rename), fsync each file before it can be
 * published, and remove what they published if their transaction rolls back. Staging areas left by a crash are
 * deleted when a store opens on the directory, once untouched for {@link #ABANDONED_STAGING}: several servers may share
 * one directory (a network file system), and a younger staging area may be another server's import in progress.
 *
 * <p>Known gap: two imports of identical bytes under the same name into one project at the same moment share a key; if
 * the one that published it rolls back while the other commits, the committed asset loses its file.
 */
public final class DiskFileStore implements FileStore {
  private static final Logger LOG = LoggerFactory.getLogger(DiskFileStore.class);
  private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}/[0-9a-f]{2}/[0-9a-f]{30}/[A-Za-z0-9_][A-Za-z0-9._-]{0,119}");
  private static final String STAGING = ".staging";
  /** A staging area untouched this long belongs to an import whose server died (each file written touches it). */
  static final java.time.Duration ABANDONED_STAGING = java.time.Duration.ofHours(1);

  private final Path root;

  /** Opens (creating it if needed) the store at {@code root} and deletes staging areas a crash left behind. */
  public DiskFileStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
      Path staging = Files.createDirectories(this.root.resolve(STAGING));
      long n = 0;
      java.nio.file.attribute.FileTime cutoff = java.nio.file.attribute.FileTime.from(
          java.time.Instant.now().minus(ABANDONED_STAGING));
      try (Stream<Path> areas = Files.list(staging)) {
        for (Path area : areas.toList()) {
          if (Files.getLastModifiedTime(area).compareTo(cutoff) < 0) {
            n += deleteTree(area);
          }
        }
      }
      if (n > 0) {
        LOG.info("removed {} file(s) left in {} by unfinished imports", n, staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file store at " + this.root, e);
    }
  }

  @Override
  public Staging stage(String projectId) {
    requireProjectId(projectId);
    Path dir = root.resolve(STAGING).resolve(UUID.randomUUID().toString());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return new DiskStaging(projectId, dir);
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(pathOf(key));
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(pathOf(key));
  }

  @Override
  public void delete(String projectId) {
    requireProjectId(projectId);
    try {
      deleteTree(root.resolve(projectId));
    } catch (IOException e) {
      LOG.warn("could not delete all files of project {}: {}", projectId, e.getMessage());
    }
  }

  /** Where a key's file is; a key of any other shape (a path from a CSV, a traversal) names no file. */
  private Path pathOf(String key) throws NoSuchFileException {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new NoSuchFileException(String.valueOf(key));
    }
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || p.startsWith(root.resolve(STAGING))) {
      throw new NoSuchFileException(key);
    }
    return p;
  }

  private static void requireProjectId(String projectId) {
    if (projectId == null || !PROJECT.matcher(projectId).matches()) {
      throw new IllegalArgumentException("not a project id: " + projectId);
    }
  }

  private static long deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    long[] files = {0};
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(p)) {
          files[0]++;
        }
        Files.deleteIfExists(p);
      }
    }
    return files[0];
  }

  /** One import's staging area. Used by the importing thread only. */
  private final class DiskStaging implements Staging {
    private final String projectId;
    private final Path dir;
    private final List<Path> published = new ArrayList<>();
    private long parts;

    DiskStaging(String projectId, Path dir) {
      this.projectId = projectId;
      this.dir = dir;
    }

    @Override
    public String put(String name, InputStream in, long maxBytes) throws IOException {
      Path part = dir.resolve((parts++) + ".part");
      boolean ok = false;
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
          FileStore.copy(new DigestInputStream(in, sha), out, maxBytes);
          ch.force(true); // on disk before it can be published, so a committed asset never points at lost bytes
        }
        String key = FileStore.key(projectId, sha.digest(), name);
        Path staged = dir.resolve(key);
        Files.createDirectories(staged.getParent());
        try {
          Files.move(part, staged, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException same) {
          Files.delete(part); // the same bytes under the same name earlier in this import
        }
        ok = true;
        return key;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      } finally {
        if (!ok) {
          Files.deleteIfExists(part);
        }
      }
    }


    @Override
    public void publish(Collection<String> keys) {
      for (String key : keys) {
        try {
          Path target = pathOf(key);
          Path staged = dir.resolve(key);
          if (Files.exists(target) || !Files.exists(staged)) {
            continue; // already stored (same bytes and name), or published by an earlier batch of this import
          }
          Files.createDirectories(target.getParent());
          Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
          published.add(target);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot store " + key, e);
        }
      }
    }

    @Override
    public void unpublish() {
      for (Path p : published) {
        try {
          Files.deleteIfExists(p);
          try {
            Files.deleteIfExists(p.getParent()); // the per-content folder, if now empty
          } catch (java.nio.file.DirectoryNotEmptyException stillUsed) {
            // another name of the same bytes lives there
          }
        } catch (IOException e) {
          LOG.warn("could not remove {} after a rolled-back import: {}", p, e.getMessage());
        }
      }
      published.clear();
    }

    @Override
    public void close() {
      try {
        deleteTree(dir);
      } catch (IOException e) {
        LOG.warn("could not remove the staging area {}: {}", dir, e.getMessage());
      }
    }
  }
}
