package org.labelloop.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.labelloop.store.testing.EmbeddedPostgresServer;

/** Zip imports and file downloads on a fresh database of the shared embedded PostgreSQL, the files in the database. */
class PostgresMediaApiIT extends MediaApiContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }

  /** Rows of the project's files, staged large objects, and large objects no row names (none may leak). */
  @Override
  long storedFiles(String project) throws Exception {
    return storedFiles(jdbcUrl, project);
  }

  static long storedFiles(String jdbcUrl, String project) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM media_files WHERE project_id = '" + Long.parseLong(project)
            + "') + (SELECT COUNT(*) FROM media_staged) + (SELECT COUNT(*) FROM pg_largeobject_metadata l WHERE NOT EXISTS"
            + " (SELECT 1 FROM media_files f WHERE f.object_id = l.oid) AND NOT EXISTS (SELECT 1 FROM media_staged s WHERE s.object_id = l.oid))")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
