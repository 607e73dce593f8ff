package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.User;
import org.labelloop.store.testing.TestDatabases.Kind;

/**
 * PostgreSQL plans the queue claim from statistics. Whatever they say, the claim must walk the queue index and stop
 * at the first claimable asset: a plan that reads and sorts every TODO asset costs a second a claim at 1M assets.
 */
class ClaimPlanIT {
  private static final int ASSETS = 3_000;
  private static Database db;
  private static Project project;
  private static User user;

  @BeforeAll
  static void importedWhileAutovacuumLooked() {
    db = Kind.POSTGRESQL.open();
    project = Fixtures.project(db);
    user = Fixtures.user(db);
    String importId = db.imports().begin(project.id(), NOW);
    db.assets().insert(project.id(), importId, Fixtures.drafts("a", ASSETS), NOW);
    // Statistics taken while the import ran say every asset belongs to a running import; nothing refreshes them once
    // it ends (autovacuum analyses running_imports again only after 50 more changes).
    db.tx().write(h -> h.execute("ANALYZE running_imports"));
    db.imports().end(importId);
    db.tx().write(h -> h.execute("ANALYZE assets"));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void theClaimWalksTheQueueIndexWhateverTheStatisticsSay() {
    String plan = explain(Dialect.POSTGRESQL.sql("claim-candidate.sql"));
    assertTrue(plan.contains("Index Scan using assets_queue"), plan);
    assertFalse(plan.contains("Seq Scan on assets"), plan);
    assertFalse(plan.contains("Sort Key: a_1.priority"), plan);
  }

  @Test
  void andStillServesEveryAssetOnce() {
    var first = db.assets().claimNext(project.id(), user.id(), NOW, NOW.plus(Duration.ofMinutes(5))).orElseThrow();
    var second = db.assets().claimNext(project.id(), Fixtures.user(db).id(), NOW, NOW.plus(Duration.ofMinutes(5)));
    assertEquals("a0", first.externalId());
    assertEquals("a1", second.orElseThrow().externalId());
  }

  private static String explain(String sql) {
    List<String> lines =
        db.tx()
            .read(
                h ->
                    h.createQuery("EXPLAIN " + sql.replaceAll("--[^\n]*\n", "\n"))
                        .bind("projectId", Long.parseLong(project.id()))
                        .bind("userId", Long.parseLong(user.id()))
                        .bind("now", NOW.toEpochMilli())
                        .mapTo(String.class)
                        .list());
    return String.join("\n", lines);
  }
}
