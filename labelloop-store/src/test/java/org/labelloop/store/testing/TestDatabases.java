package org.labelloop.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labelloop.store.Database;

/** Fresh, migrated databases for tests: a temp SQLite file, or a new database on the shared embedded PostgreSQL. */
public final class TestDatabases {
  private TestDatabases() {}

  /** The two dialects every repository and API test runs against. */
  public enum Kind {
    SQLITE,
    POSTGRESQL;

    /** A JDBC URL of a new, empty database of this kind. */
    public String newUrl() {
      return switch (this) {
        case SQLITE -> sqliteUrl();
        case POSTGRESQL -> EmbeddedPostgresServer.get().newDatabaseUrl();
      };
    }

    public Database open() {
      return Database.open(newUrl());
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // best effort at JVM exit
    }
  }

  private static String sqliteUrl() {
    try {
      Path dir = Files.createTempDirectory("labelloop-test-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return "jdbc:sqlite:" + dir.resolve("labelloop.db");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
