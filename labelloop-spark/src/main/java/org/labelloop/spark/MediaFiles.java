package org.labelloop.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the job reads image files, by the key an asset's content holds (as the server's file store names them): the
 * server's media directory shared with the executors ({@code --media DIR}), or else the {@code media_files} large
 * objects of the project's PostgreSQL database, read over the partition's own connection.
 *
 * @param root the media directory; null: the database
 */
record MediaFiles(String root) implements Serializable {
  /** Each key's bytes; a key with no file (or one outside the directory) is absent from the map. */
  Map<String, byte[]> read(Connection db, List<String> keys) throws SQLException {
    Map<String, byte[]> out = new HashMap<>(keys.size() * 2);
    if (root == null) {
      try (PreparedStatement q = db.prepareStatement("SELECT key, lo_get(object_id) FROM media_files WHERE key = ANY (?)")) {
        Array array = db.createArrayOf("text", keys.toArray());
        q.setArray(1, array);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) out.put(rs.getString(1), rs.getBytes(2));
        }
      }
      return out;
    }
    Path base = Path.of(root).toAbsolutePath().normalize();
    for (String key : keys) {
      Path file = base.resolve(key).normalize();
      if (!file.startsWith(base)) continue;
      try {
        out.put(key, Files.readAllBytes(file));
      } catch (NoSuchFileException e) {
        // an asset whose file is gone: no prediction, as the server's embedding pass gives it none
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
