package org.labelloop.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.labelloop.core.port.Invalidations;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache invalidations between the servers of one PostgreSQL database, by {@code LISTEN}/{@code NOTIFY}: an
 * announcement is a notification on {@value #CHANNEL} whose payload names the sending instance and the cache; one
 * daemon thread per instance listens on a connection of its own (outside the pool, which it would hold forever) and
 * runs the forget actions of other instances' announcements. An announcement made inside a transaction is delivered
 * when it commits, never if it rolls back (PostgreSQL's rule for NOTIFY). While the listening connection is down,
 * announcements are lost, so each (re)connection forgets every cache first.
 */
final class PostgresInvalidations implements Invalidations, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresInvalidations.class);
  static final String CHANNEL = "labelloop_cache";
  private static final int POLL_MILLIS = 500;

  private final String jdbcUrl;
  private final Tx tx;
  private final String instance = UUID.randomUUID().toString();
  private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
  private final CountDownLatch listening = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;

  PostgresInvalidations(String jdbcUrl, Tx tx) {
    this.jdbcUrl = jdbcUrl;
    this.tx = tx;
    this.thread = Thread.ofPlatform().daemon().name("labelloop-invalidations").start(this::loop);
    try {
      if (!listening.await(10, TimeUnit.SECONDS)) {
        LOG.warn("not yet listening for other servers' cache invalidations; caches expire after a few seconds meanwhile");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void announce(String cache) {
    tx.write(h -> h.createQuery("SELECT pg_notify(:c, :p)").bind("c", CHANNEL).bind("p", instance + " " + cache)
        .mapTo(String.class).one());
  }

  @Override
  public void listen(String cache, Runnable forget) {
    listeners.computeIfAbsent(cache, c -> new CopyOnWriteArrayList<>()).add(forget);
  }

  private void loop() {
    while (!closed) {
      try (Connection c = DriverManager.getConnection(jdbcUrl)) {
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + CHANNEL);
        }
        listeners.values().forEach(forgets -> forgets.forEach(Runnable::run)); // announced while nobody listened
        listening.countDown();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] received = pg.getNotifications(POLL_MILLIS);
          for (PGNotification n : received == null ? new PGNotification[0] : received) {
            received(n.getParameter());
          }
        }
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        LOG.warn("listening for cache invalidations failed ({}); retrying in a second", e.getMessage());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  private void received(String payload) {
    int space = payload.indexOf(' ');
    if (space < 0 || payload.substring(0, space).equals(instance)) {
      return; // not ours, or our own announcement (this instance forgot already)
    }
    listeners.getOrDefault(payload.substring(space + 1), List.of()).forEach(Runnable::run);
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(2 * POLL_MILLIS + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
