package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;
import static org.labelloop.store.Fixtures.drafts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.core.project.Project;

/** SQLite specifics: pragmas, the writer lock, query plans. */
class SqliteDatabaseTest {
  @TempDir static Path dir;
  private static Database db;

  @BeforeAll
  static void open() {
    db = Database.open("jdbc:sqlite:" + dir.resolve("nested/dir/labelloop.db"));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void openingCreatesTheDataDirectoryAndUsesWalWithForeignKeys() {
    assertTrue(Files.exists(dir.resolve("nested/dir/labelloop.db")));
    assertEquals("sqlite", db.dialectName());
    assertEquals("wal", pragma("journal_mode"));
    assertEquals("1", pragma("foreign_keys"));
    assertEquals("1", pragma("synchronous")); // NORMAL
  }

  @Test
  void urlParametersOverrideTheDefaults() {
    try (Database full = Database.open("jdbc:sqlite:" + dir.resolve("full.db") + "?synchronous=FULL")) {
      assertEquals("2", full.tx().read(h -> h.createQuery("PRAGMA synchronous").mapTo(String.class).one()));
    }
  }

  @Test
  void unsupportedUrlIsRejectedWithAClearMessage() {
    var e = assertThrows(IllegalArgumentException.class, () -> Database.open("jdbc:mysql://localhost/x"));
    assertTrue(e.getMessage().contains("jdbc:sqlite"));
  }

  @Test
  void concurrentWritersNeverSeeSqliteBusy() throws Exception {
    Project p = Fixtures.project(db);
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 12; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    db.assets().insert(p.id(), drafts("t" + thread + "-" + i + "-", 5), NOW);
                    db.projects().stats(p.id()); // readers run beside the writer
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(12 * 20 * 5, db.projects().stats(p.id()).assetCount());
  }

  /**
   * Every write transaction, whichever thread runs it, uses the one writer connection (its page cache then survives
   * from one write to the next); reads outside a transaction use the readers' pool. A failed transaction rolls back and
   * the next one still gets the writer connection.
   */
  @Test
  void writesShareOneConnectionOfTheirOwnAndSurviveAFailedTransaction() throws Exception {
    Project p = Fixtures.project(db);
    java.util.Set<Object> writers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> db.tx().inTransaction(() -> {
          writers.add(db.tx().write(SqliteDatabaseTest::rawConnection));
          return db.assets().insert(p.id(), drafts("w" + thread + "-", 2), NOW);
        })));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, writers.size());
    Object writer = writers.iterator().next();
    assertFalse(writer == db.tx().read(SqliteDatabaseTest::rawConnection), "a read outside a transaction took the writer connection");

    assertThrows(IllegalStateException.class, () -> db.transactor().inTransaction(() -> {
      db.assets().insert(p.id(), drafts("rolled-back-", 1), NOW);
      throw new IllegalStateException("rolled back");
    }));
    assertTrue(db.assets().findByExternalId(p.id(), "rolled-back-0").isEmpty());
    assertTrue(writer == db.tx().inTransaction(() -> db.tx().write(SqliteDatabaseTest::rawConnection)));
    assertEquals(8, db.projects().stats(p.id()).assetCount());
  }

  @Test
  void queueClaimWalksTheQueueIndexWithoutSorting() {
    String plan = plan(db.tx().read(h -> Dialect.SQLITE.sql("claim-candidate.sql")));
    assertTrue(plan.contains("assets_queue"), plan);
    assertFalse(plan.contains("TEMP B-TREE FOR ORDER BY") && !plan.contains("UNION"), plan);
  }

  @Test
  void listingUsesTheProjectIndex() {
    String plan = plan("SELECT a.id FROM assets a WHERE a.project_id = :projectId AND a.id > :after ORDER BY a.id LIMIT :n");
    assertTrue(plan.contains("assets_project"), plan);
    assertFalse(plan.contains("TEMP B-TREE"), plan);
  }

  @Test
  void cachedStatementsSurviveNestingAndFailures() {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("n", 3), NOW);
    String sql = "SELECT a.id FROM assets a WHERE a.project_id = :p ORDER BY a.id";
    List<List<Long>> nested =
        db.tx()
            .read(
                h ->
                    h.createQuery(sql).bind("p", Long.parseLong(p.id())).mapTo(Long.class).stream()
                        .map(id -> h.createQuery(sql).bind("p", Long.parseLong(p.id())).mapTo(Long.class).list())
                        .toList());
    assertEquals(3, nested.size());
    nested.forEach(ids -> assertEquals(3, ids.size()));
    var label = Fixtures.label("1", org.labelloop.core.label.LabelType.DEFAULT, "SPORT");
    assertThrows(RuntimeException.class, () -> db.labels().insert(p.id(), "999999", null, label, NOW)); // foreign key
    String assetId = db.assets().findByExternalId(p.id(), "n0").orElseThrow().id();
    assertEquals(assetId, db.labels().insert(p.id(), assetId, null, label, NOW).assetId());
    assertThrows(
        IllegalStateException.class,
        () ->
            db.transactor()
                .inTransaction(
                    () -> {
                      db.labels().insert(p.id(), assetId, null, label, NOW);
                      throw new IllegalStateException("rolled back");
                    }));
    assertEquals(1, db.labels().list(p.id(), null, assetId, null, null, 10).items().size());
  }

  private static String plan(String sql) {
    String explained = sql.replaceAll("--[^\n]*\n", "\n");
    return db.tx()
        .read(
            h ->
                h.createQuery("EXPLAIN QUERY PLAN " + explained)
                    .bind("projectId", 1L)
                    .bind("userId", 1L)
                    .bind("now", 0L)
                    .bind("after", 0L)
                    .bind("n", 10)
                    .cleanupHandleRollback()
                    .map((rs, ctx) -> rs.getString("detail"))
                    .list())
        .toString();
  }

  /** The driver's connection under the pool's wrapper. */
  private static Object rawConnection(org.jdbi.v3.core.Handle h) {
    try {
      return h.getConnection().unwrap(org.sqlite.SQLiteConnection.class);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pragma(String name) {
    return db.tx().read(h -> h.createQuery("PRAGMA " + name).mapTo(String.class).one());
  }
}
