package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.AssetImporter;
import org.labelloop.core.io.ImportFormat;
import org.labelloop.core.io.ImportLimits;
import org.labelloop.core.io.ImportListener;
import org.labelloop.core.io.ImportOptions;
import org.labelloop.core.io.ImportReport;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.Project;

/**
 * What follows an import (retraining, the IMPORT_FINISHED webhook event) runs once, in the transaction that makes the
 * import final: never for a refused import, and if it fails the import is undone with it.
 */
class ImportFinishedIT extends OnBothDatabases {
  private static AssetImporter importer(ImportListener listener) {
    return new AssetImporter(db.ports(), Clock.fixed(NOW, ZoneOffset.UTC), FileStore.NONE, ImportLimits.DEFAULT, null, listener);
  }

  private static ByteArrayInputStream csv(int rows, String extra) {
    StringBuilder s = new StringBuilder("id,text\n");
    for (int i = 0; i < rows; i++) {
      s.append('r').append(i).append(",text ").append(i).append('\n');
    }
    return new ByteArrayInputStream(s.append(extra).toString().getBytes(StandardCharsets.UTF_8));
  }

  private static final ImportOptions CSV = new ImportOptions(ImportFormat.CSV, null, null, null, false);

  @Test
  void runsOnceAfterTheLastBatchWithTheImportFinal() {
    Project p = Fixtures.project(db);
    List<ImportReport> seen = new ArrayList<>();
    List<Boolean> running = new ArrayList<>();
    ImportReport report = importer((project, r) -> {
      seen.add(r);
      running.add(!db.imports().abandoned(NOW.plusSeconds(3600)).isEmpty());
    }).importFile(Fixtures.admin(db), p, csv(2500, ""), CSV);
    assertEquals(2500, report.imported());
    assertEquals(List.of(report), seen, "once, with the final report");
    assertEquals(List.of(false), running, "the import had ended when it ran");
  }

  @Test
  void neverRunsForARefusedImport() {
    Project p = Fixtures.project(db);
    List<ImportReport> seen = new ArrayList<>();
    assertThrows(LabelloopException.class,
        () -> importer((project, r) -> seen.add(r)).importFile(Fixtures.admin(db), p, csv(3, "r9,\n"), CSV));
    assertEquals(List.of(), seen);
    assertEquals(0, db.projects().stats(p.id()).assetCount());
  }

  @Test
  void anImportWhoseFollowUpFailsIsUndone() {
    Project p = Fixtures.project(db);
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> importer((project, r) -> {
      throw new IllegalStateException("outbox full");
    }).importFile(Fixtures.admin(db), p, csv(1500, ""), CSV));
    assertEquals("outbox full", failed.getMessage());
    assertEquals(0, db.projects().stats(p.id()).assetCount());
    assertTrue(db.imports().abandoned(NOW.plusSeconds(3600)).isEmpty(), "nothing left to recover");
  }
}
