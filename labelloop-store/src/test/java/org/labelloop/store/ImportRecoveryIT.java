package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Project;

/**
 * An import writes its batches in transactions of their own: while it runs the queue leaves its assets alone, and an
 * import whose process died is rolled back by {@code recoverAbandonedImports}, on both databases.
 */
class ImportRecoveryIT extends OnBothDatabases {
  private static AssetDraft draft(String id) {
    return new AssetDraft(id, "text " + id, null, 0, false, null);
  }

  @Test
  void theQueueSkipsARunningImportAndAnAbandonedOneIsRolledBack() {
    Project p = Fixtures.project(db);
    String user = Fixtures.admin(db).userId();
    db.assets().insert(p.id(), List.of(draft("old")), NOW);
    String running = db.transactor().inTransaction(() -> db.imports().begin(p.id(), NOW));
    db.transactor().inTransaction(() -> db.assets().insert(p.id(), running, List.of(draft("n1"), draft("n2")), NOW));

    String other = Fixtures.user(db).id();
    var first = db.assets().claimNext(p.id(), user, NOW, NOW.plusSeconds(300)).orElseThrow();
    assertEquals("old", first.externalId());
    assertTrue(db.assets().claimNext(p.id(), other, NOW, NOW.plusSeconds(300)).isEmpty(), "assets of a running import are not served");

    assertEquals(0, app.assets().recoverAbandonedImports(NOW.minus(Duration.ofMinutes(5))), "a live import is left alone");
    assertEquals(1, app.assets().recoverAbandonedImports(NOW.plusSeconds(1)));
    assertEquals(1, db.projects().stats(p.id()).assetCount());
    assertTrue(db.imports().abandoned(NOW.plusSeconds(3600)).isEmpty());
  }

  /** A label on an asset that a failing import would delete again is refused (409), never acknowledged and lost. */
  @Test
  void labelsWaitForTheirAssetsImportToFinish() {
    Project p = Fixtures.project(db);
    var admin = Fixtures.admin(db);
    String id = db.transactor().inTransaction(() -> db.imports().begin(p.id(), NOW));
    db.transactor().inTransaction(() -> db.assets().insert(p.id(), id, List.of(draft("r1")), NOW));
    var asset = db.assets().findByExternalId(p.id(), "r1").orElseThrow();
    var refused = assertThrows(LabelloopException.class,
        () -> app.labels().submit(admin, p.id(), Fixtures.label(asset.id(), LabelType.DEFAULT, "SPORT")));
    assertEquals(ErrorCode.CONFLICT, refused.code());
    db.transactor().inTransaction(() -> db.imports().end(id));
    assertEquals(asset.id(), app.labels().submit(admin, p.id(), Fixtures.label(asset.id(), LabelType.DEFAULT, "SPORT")).assetId());
  }

  @Test
  void aFinishedImportsAssetsAreServed() {
    Project p = Fixtures.project(db);
    String user = Fixtures.admin(db).userId();
    String id = db.transactor().inTransaction(() -> db.imports().begin(p.id(), NOW));
    db.transactor().inTransaction(() -> db.assets().insert(p.id(), id, List.of(draft("f1")), NOW));
    db.transactor().inTransaction(() -> db.imports().end(id));
    assertEquals("f1", db.assets().claimNext(p.id(), user, NOW, NOW.plusSeconds(300)).orElseThrow().externalId());
  }
}
