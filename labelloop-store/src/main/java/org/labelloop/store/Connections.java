package org.labelloop.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Where a handle's connection comes from. Where the database has a single writer (SQLite), the thread that holds the
 * write slot gets the one writer connection and every other thread a reader's. In WAL mode SQLite drops a connection's
 * whole page cache when another connection has committed, so write transactions spread over the pool reread every
 * page they touch (BENCHMARKS.md "Labels per core"); a writer connection of its own keeps its cache from one write to
 * the next.
 */
final class Connections implements ConnectionFactory, AutoCloseable {
  private final HikariDataSource readers;
  private final HikariDataSource writer; // null: writers share the readers' pool
  private final WriterLock writerLock;

  Connections(HikariDataSource readers, HikariDataSource writer, WriterLock writerLock) {
    this.readers = readers;
    this.writer = writer;
    this.writerLock = writerLock;
  }

  @Override
  public Connection openConnection() throws SQLException {
    return (writer != null && writerLock.heldByCurrentThread() ? writer : readers).getConnection();
  }

  @Override
  public void close() {
    try (readers) {
      if (writer != null) {
        writer.close();
      }
    }
  }
}
