package org.labelloop.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.labelloop.core.port.FileStore;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of image and audio assets as PostgreSQL large objects, so that every server on the database reads what any
 * of them imported. Bytes stream in through the driver's large-object API (one transaction per file: a failure leaves
 * nothing) and out in chunks of {@value #CHUNK} bytes read by {@code lo_get}, each on a pooled connection of its own,
 * so a slow download holds no connection between chunks. Neither way is a file ever whole in memory.
 *
 * <p>A staged file is a large object listed in {@code media_staged}; publishing adds its {@code media_files} row in the
 * importer's own transaction (a rollback unpublishes it by itself) and takes it off the staged list. Whatever a staging
 * area did not publish is unlinked when it closes; areas of a server that died are unlinked by the next store opened,
 * once silent for {@link #ABANDONED_STAGING}.
 */
public final class PostgresFileStore implements FileStore {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresFileStore.class);
  static final int CHUNK = 256 * 1024;
  static final Duration ABANDONED_STAGING = Duration.ofHours(1);

  private final DataSource dataSource;
  private final Tx tx;
  private final Clock clock;

  PostgresFileStore(DataSource dataSource, Tx tx, Clock clock) {
    this.dataSource = dataSource;
    this.tx = tx;
    this.clock = clock;
    int removed = unlinkAbandonedStaging();
    if (removed > 0) {
      LOG.info("removed {} staged file(s) of imports that a stopped server left unfinished", removed);
    }
  }

  @Override
  public Staging stage(String projectId) {
    return new DatabaseStaging(projectId, UUID.randomUUID().toString());
  }

  @Override
  public InputStream open(String key) throws IOException {
    long[] found = tx.read(h -> h.createQuery("SELECT object_id, size FROM media_files WHERE key = :k").bind("k", key)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).findOne().orElse(null));
    if (found == null) {
      throw new NoSuchFileException(key);
    }
    return new ChunkedInput(found[0], found[1]);
  }

  @Override
  public long size(String key) throws IOException {
    Long size = tx.read(h -> h.createQuery("SELECT size FROM media_files WHERE key = :k").bind("k", key).mapTo(Long.class).findOne().orElse(null));
    if (size == null) {
      throw new NoSuchFileException(key);
    }
    return size;
  }

  @Override
  public void delete(String projectId) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      List<Long> objects = longs(c, "DELETE FROM media_files WHERE project_id = ? RETURNING object_id", projectId);
      unlink(c, objects);
      c.commit();
    } catch (SQLException e) {
      LOG.warn("could not delete all files of project {}: {}", projectId, e.getMessage());
    }
  }

  private int unlinkAbandonedStaging() {
    long cutoff = clock.instant().minus(ABANDONED_STAGING).toEpochMilli();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      List<Long> objects = longs(c, """
          DELETE FROM media_staged WHERE staging IN
            (SELECT staging FROM media_staged GROUP BY staging HAVING MAX(created_at) < ?) RETURNING object_id""", cutoff);
      unlink(c, objects);
      c.commit();
      return objects.size();
    } catch (SQLException e) {
      throw new StoreException("Cannot remove abandoned staged files", e);
    }
  }

  private static void unlink(Connection c, List<Long> objects) throws SQLException {
    LargeObjectManager lom = c.unwrap(PGConnection.class).getLargeObjectAPI();
    for (long object : objects) {
      lom.unlink(object);
    }
  }

  private static List<Long> longs(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    }
  }

  /** One import's staging area. Used by the importing thread only. */
  private final class DatabaseStaging implements Staging {
    private final String projectId;
    private final String id;
    private final Map<String, Long> staged = new HashMap<>();
    private final Map<Long, Long> sizes = new HashMap<>();
    private final java.util.Set<String> published = new java.util.LinkedHashSet<>();

    DatabaseStaging(String projectId, String id) {
      this.projectId = projectId;
      this.id = id;
    }

    @Override
    public String put(String name, InputStream in, long maxBytes) throws IOException {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          LargeObjectManager lom = c.unwrap(PGConnection.class).getLargeObjectAPI();
          long object = lom.createLO(LargeObjectManager.READWRITE);
          MessageDigest sha = MessageDigest.getInstance("SHA-256");
          long size;
          try (LargeObject lo = lom.open(object, LargeObjectManager.WRITE);
              OutputStream out = lo.getOutputStream()) {
            size = FileStore.copy(new DigestInputStream(in, sha), out, maxBytes);
          }
          String key = FileStore.key(projectId, sha.digest(), name);
          if (staged.containsKey(key)) {
            c.rollback(); // the same bytes under the same name earlier in this import
            return key;
          }
          try (PreparedStatement st = c.prepareStatement(
              "INSERT INTO media_staged (object_id, staging, created_at) VALUES (?, ?, ?)")) {
            st.setLong(1, object);
            st.setString(2, id);
            st.setLong(3, clock.instant().toEpochMilli());
            st.executeUpdate();
          }
          c.commit();
          staged.put(key, object);
          sizes.put(object, size);
          return key;
        } catch (IOException | SQLException | RuntimeException e) {
          c.rollback(); // the large object goes with the transaction
          throw e;
        }
      } catch (SQLException e) {
        throw new IOException("cannot store " + name + " in the database", e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }


    /**
     * Joins the caller's transaction: the files become visible with the assets that name them, or not at all. What it
     * did is only known once that transaction ends, so a key stays staged here and may be published again (a no-op
     * once its row exists).
     */
    @Override
    public void publish(Collection<String> keys) {
      long now = clock.instant().toEpochMilli();
      tx.write(h -> {
        for (String key : keys) {
          Long object = staged.get(key);
          if (object == null) {
            continue; // not a file of this import
          }
          int added = h.createUpdate("""
              INSERT INTO media_files (key, project_id, object_id, size, created_at) VALUES (:k, :p, :o, :s, :now)
              ON CONFLICT (key) DO NOTHING""")
              .bind("k", key).bind("p", projectId).bind("o", object).bind("s", sizes.get(object)).bind("now", now).execute();
          if (added == 1) { // else the same bytes and name are stored already; close() unlinks this copy
            h.createUpdate("DELETE FROM media_staged WHERE object_id = :o").bind("o", object).execute();
            published.add(key);
          }
        }
        return null;
      });
    }

    /** Removes what this import published, except a file an asset of another import names (same bytes, same name). */
    @Override
    public void unpublish() {
      if (published.isEmpty()) {
        return;
      }
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        List<Long> objects = longs(c, """
            DELETE FROM media_files m WHERE m.key = ANY (?) AND NOT EXISTS
              (SELECT 1 FROM assets a WHERE a.project_id = CAST(m.project_id AS BIGINT) AND a.content = m.key)
            RETURNING object_id""", c.createArrayOf("text", published.toArray()));
        unlink(c, objects);
        c.commit();
        published.clear();
      } catch (SQLException e) {
        LOG.warn("could not remove the files of a rolled-back import into project {}: {}", projectId, e.getMessage());
      }
    }

    @Override
    public void close() {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        unlink(c, longs(c, "DELETE FROM media_staged WHERE staging = ? RETURNING object_id", id));
        c.commit();
      } catch (SQLException e) {
        LOG.warn("could not remove the staged files of an import into project {}: {}", projectId, e.getMessage());
      }
    }
  }

  /** A stored file read a chunk at a time, each chunk on a pooled connection of its own. */
  private final class ChunkedInput extends InputStream {
    private final long object;
    private final long size;
    private long offset;
    private byte[] chunk = new byte[0];
    private int position;

    ChunkedInput(long object, long size) {
      this.object = object;
      this.size = size;
    }

    @Override
    public int read() throws IOException {
      return fill() ? chunk[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, chunk.length - position);
      System.arraycopy(chunk, position, b, off, n);
      position += n;
      return n;
    }

    /** Skips without reading what it skips: a player's range request into a long clip starts far in. */
    @Override
    public long skip(long n) {
      long inChunk = chunk.length - position;
      long skipped = Math.max(0, Math.min(n, inChunk + size - offset));
      if (skipped <= inChunk) {
        position += (int) skipped;
      } else {
        offset += skipped - inChunk;
        position = chunk.length;
      }
      return skipped;
    }

    /** True when bytes are ready; reads the next chunk when this one is used up. */
    private boolean fill() throws IOException {
      if (position < chunk.length) {
        return true;
      }
      if (offset >= size) {
        return false;
      }
      int length = (int) Math.min(CHUNK, size - offset);
      try {
        chunk = tx.read(h -> h.createQuery("SELECT lo_get(:o, :off, :n)").bind("o", object).bind("off", offset)
            .bind("n", length).mapTo(byte[].class).one());
      } catch (RuntimeException e) {
        throw new IOException("cannot read a stored file (deleted meanwhile?)", e);
      }
      if (chunk.length == 0) {
        throw new IOException("a stored file ended early at byte " + offset + " of " + size);
      }
      offset += chunk.length;
      position = 0;
      return true;
    }
  }
}
