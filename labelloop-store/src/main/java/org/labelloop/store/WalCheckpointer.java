package org.labelloop.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints SQLite's write-ahead log from a background thread. Left to SQLite, the commit that pushes the WAL past
 * its auto-checkpoint size copies pages back into the database and fsyncs while it still holds the single write slot,
 * so every writer waits behind it: a latency spike. A PASSIVE checkpoint runs beside writers and readers without
 * blocking them (https://www.sqlite.org/c3ref/wal_checkpoint_v2.html); the auto-checkpoint stays as a safety net.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

  private final ScheduledExecutorService executor;

  WalCheckpointer(DataSource dataSource, long periodMillis) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "labelloop-wal-checkpoint");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(() -> checkpoint(dataSource), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private static void checkpoint(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException | RuntimeException e) {
      LOG.debug("WAL checkpoint skipped: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
