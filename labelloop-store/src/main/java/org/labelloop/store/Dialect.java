package org.labelloop.store;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * What differs between the two supported databases: how a pool is configured, where the migrations live, where the
 * dialect's SQL files live, and whether writers must be serialised in the JVM. Everything else is shared SQL.
 */
enum Dialect {
  /**
   * Embedded default. WAL lets readers run beside the single writer. {@code synchronous=NORMAL} in WAL mode keeps every
   * committed transaction across a crash of the process (kill -9): the commit is in the WAL file in the OS page cache.
   * Only a power cut or OS crash can lose the last commits; append {@code ?synchronous=FULL} to the URL to trade write
   * speed for that. Writers are serialised by a fair JVM lock and start with BEGIN IMMEDIATE, so SQLITE_BUSY does not
   * reach users; busy_timeout covers another process on the same file.
   */
  SQLITE("sqlite", true) {
    @Override
    HikariConfig poolConfig(String jdbcUrl) {
      createParentDirectory(jdbcUrl);
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.enforceForeignKeys(true);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      sqlite.setBusyTimeout(30_000);
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
      sqlite.setCacheSize(-32_768); // KiB: 32 MiB per connection, allocated as used
      sqlite.setJournalSizeLimit(64 << 20); // after a big import the WAL file shrinks back to 64 MiB
      java.util.Properties properties = sqlite.toProperties();
      int query = jdbcUrl.indexOf('?');
      if (query >= 0) { // parameters in the URL (e.g. ?synchronous=FULL) override the defaults above
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            properties.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
          }
        }
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(query < 0 ? jdbcUrl : jdbcUrl.substring(0, query));
      config.setDataSourceProperties(properties);
      // The background checkpointer keeps the WAL short; this is only the safety net (pages of 4 KiB).
      config.setConnectionInitSql("PRAGMA wal_autocheckpoint=10000");
      // A fixed pool that never retires connections: an SQLite connection does not go stale, and the prepared
      // statement cache (CachedStatements) lives as long as its connection.
      config.setMaximumPoolSize(8);
      config.setMinimumIdle(8);
      config.setMaxLifetime(0);
      config.setIdleTimeout(0);
      config.setPoolName("labelloop-sqlite");
      return config;
    }

    /** One connection: the write slot's holder has it to itself (see {@link Connections}). */
    @Override
    java.util.Optional<HikariConfig> writerPoolConfig(String jdbcUrl) {
      HikariConfig config = poolConfig(jdbcUrl);
      config.setMaximumPoolSize(1);
      config.setMinimumIdle(1);
      config.setPoolName("labelloop-sqlite-writer");
      return java.util.Optional.of(config);
    }

    @Override
    AutoCloseable startMaintenance(javax.sql.DataSource dataSource) {
      return new WalCheckpointer(dataSource, 1_000);
    }

    @Override
    void configure(org.jdbi.v3.core.Jdbi jdbi) {
      jdbi.setStatementBuilderFactory(new CachedStatements());
    }

    /** A deferred transaction: the pool's BEGIN IMMEDIATE would take the write lock for a read and stall writers. */
    @Override
    <R> R inSnapshot(Handle h, HandleCallback<R, RuntimeException> read) {
      SQLiteConnectionConfig config;
      try {
        config = h.getConnection().unwrap(SQLiteConnection.class).getConnectionConfig();
      } catch (SQLException e) {
        throw new StoreException("Not a SQLite connection", e);
      }
      config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
      try {
        return h.inTransaction(read);
      } finally {
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      }
    }
  },
  /** For teams and several server instances; the queue uses {@code FOR NO KEY UPDATE SKIP LOCKED}. */
  POSTGRESQL("postgresql", false) {
    @Override
    HikariConfig poolConfig(String jdbcUrl) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl); // user and password as URL parameters
      config.setMaximumPoolSize(16);
      config.setPoolName("labelloop-postgresql");
      return config;
    }

    /** Repeatable read: read committed would give each statement a snapshot of its own. */
    @Override
    <R> R inSnapshot(Handle h, HandleCallback<R, RuntimeException> read) {
      return h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, read);
    }
  };

  private final String folder;
  private final boolean singleWriter;

  Dialect(String folder, boolean singleWriter) {
    this.folder = folder;
    this.singleWriter = singleWriter;
  }

  abstract HikariConfig poolConfig(String jdbcUrl);

  /** A pool of its own for the write transactions, where the database has a single writer; none where it has not. */
  java.util.Optional<HikariConfig> writerPoolConfig(String jdbcUrl) {
    return java.util.Optional.empty();
  }

  /** Runs several reads on one snapshot of the database, without holding up writers. */
  abstract <R> R inSnapshot(Handle h, HandleCallback<R, RuntimeException> read);

  /** Dialect-specific Jdbi settings (SQLite: a prepared-statement cache; the PostgreSQL driver has its own). */
  void configure(org.jdbi.v3.core.Jdbi jdbi) {}

  /** Starts background upkeep of an open database (SQLite: WAL checkpoints); closing it stops the upkeep. */
  AutoCloseable startMaintenance(javax.sql.DataSource dataSource) {
    return () -> {};
  }

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("Unsupported database URL (use jdbc:sqlite:FILE or jdbc:postgresql://...): " + jdbcUrl);
  }

  String migrations() {
    return "classpath:db/migration/" + folder;
  }

  /** A lock every write transaction takes first: fair and exclusive for SQLite, none for PostgreSQL. */
  WriterLock newWriterLock() {
    return singleWriter ? WriterLock.exclusive(WriterLock.TIMEOUT) : WriterLock.none();
  }

  /** The text of {@code name} from this dialect's SQL folder beside the classes. */
  String sql(String name) {
    String resource = folder + "/" + name;
    try (InputStream in = Dialect.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing SQL resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void createParentDirectory(String jdbcUrl) {
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    file = query < 0 ? file : file.substring(0, query);
    file = file.startsWith("file:") ? file.substring("file:".length()) : file;
    if (file.isEmpty() || file.startsWith(":memory:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the database directory " + parent, e);
    }
  }
}
