package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.ImportReport;
import org.labelloop.core.io.RowError;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Caller;

/** Imports of labeled rows through the use case, several batches at a time, on both databases. */
class LabeledImportIT extends OnBothDatabases {
  private Project project;
  private Caller admin;

  @BeforeEach
  void newProject() {
    admin = Fixtures.admin(db);
    project = Fixtures.project(db);
  }

  private static AssetDraft row(String externalId, String label) {
    return new AssetDraft(externalId, "text of " + externalId, null, 0, false, label);
  }

  private List<Label> labelsOf(String externalId) {
    String id = db.assets().findByExternalId(project.id(), externalId).orElseThrow().id();
    return db.labels().forAssets(List.of(id)).get(id);
  }

  @Test
  void everyLabeledRowOfEveryBatchGetsItsLabelAndStatus() {
    List<AssetDraft> rows = new ArrayList<>();
    for (int i = 0; i < 2500; i++) { // three batches, the last one partial
      rows.add(row("r" + i, i % 3 == 0 ? null : i % 3 == 1 ? "SPORT" : "Politics"));
    }
    ImportReport report = app.assets().importDrafts(admin, project.id(), rows, false);
    assertEquals(2500, report.imported());
    Map<AssetStatus, Long> byStatus = db.projects().stats(project.id()).assetsByStatus();
    assertEquals(1666L, byStatus.get(AssetStatus.LABELED));
    assertEquals(834L, byStatus.get(AssetStatus.TODO));
    Map<LabelType, Long> byType = db.projects().stats(project.id()).labelsByType();
    assertEquals(1666L, byType.get(LabelType.DEFAULT));
    assertEquals(1666L, byType.values().stream().mapToLong(Long::longValue).sum());
    for (int i : new int[] {0, 1, 2, 999, 1000, 1001, 2497, 2498, 2499}) {
      Asset asset = db.assets().findByExternalId(project.id(), "r" + i).orElseThrow();
      List<Label> labels = labelsOf("r" + i);
      if (i % 3 == 0) {
        assertEquals(AssetStatus.TODO, asset.status());
        assertEquals(List.of(), labels);
      } else {
        assertEquals(AssetStatus.LABELED, asset.status());
        assertEquals(1, labels.size());
        Label label = labels.getFirst();
        assertEquals(admin.userId(), label.authorId());
        assertEquals(LabelType.DEFAULT, label.labelType());
        String category = i % 3 == 1 ? "SPORT" : "POLITICS"; // a category given by its name is stored by its id
        assertEquals(Fixtures.json("{\"JOB_0\": {\"categories\": [{\"name\": \"" + category + "\"}]}}"), label.jsonResponse());
      }
    }
  }

  @Test
  void duplicatesInABatchOrAlreadyStoredGetNoLabel() {
    app.assets().importDrafts(admin, project.id(), List.of(row("old", null)), false);
    List<AssetDraft> rows = List.of(row("a", "SPORT"), row("a", "POLITICS"), row("old", "SPORT"), row("b", "POLITICS"));
    ImportReport report = app.assets().importDrafts(admin, project.id(), rows, true);
    assertEquals(2, report.imported());
    assertEquals(2, report.duplicates());
    assertEquals(0, report.rejected(), "a duplicate is counted once, as a duplicate");
    assertEquals(List.of(), report.errors());
    assertEquals(Fixtures.json("{\"JOB_0\": {\"categories\": [{\"name\": \"SPORT\"}]}}"), labelsOf("a").getFirst().jsonResponse());
    assertEquals(1, labelsOf("a").size(), "the first row with an externalId wins");
    assertEquals(List.of(), labelsOf("old"));
    assertEquals(AssetStatus.TODO, db.assets().findByExternalId(project.id(), "old").orElseThrow().status());
    assertEquals(AssetStatus.LABELED, db.assets().findByExternalId(project.id(), "b").orElseThrow().status());
  }

  @Test
  void reimportingCountsDuplicatesAndUpdatingReplacesTheirText() {
    List<AssetDraft> rows = List.of(row("u1", "SPORT"), row("u2", null));
    assertEquals(2, app.assets().importDrafts(admin, project.id(), rows, false).imported());
    ImportReport again = app.assets().importDrafts(admin, project.id(), rows, false);
    assertEquals(List.of(0L, 2L, 0L, 0L), List.of(again.imported(), again.duplicates(), again.updated(), again.rejected()));
    var changed = new AssetDraft("u2", "new text", null, 0, false, null);
    ImportReport updated = app.assets().importFile(admin, project.id(),
        new java.io.ByteArrayInputStream("{\"id\":\"u2\",\"text\":\"new text\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        new org.labelloop.core.io.ImportOptions(org.labelloop.core.io.ImportFormat.JSONL, null, null, null, false, true, null, false));
    assertEquals(List.of(0L, 1L, 1L), List.of(updated.imported(), updated.duplicates(), updated.updated()));
    assertEquals(changed.content(), db.assets().findByExternalId(project.id(), "u2").orElseThrow().content());
    assertEquals(1, labelsOf("u1").size(), "labels stay as they were");
  }

  @Test
  void aRejectedImportLeavesNeitherAssetsNorLabels() {
    List<AssetDraft> rows = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      rows.add(row("r" + i, "SPORT"));
    }
    rows.add(row("r1500", "NO SUCH CATEGORY")); // a bad row after a whole batch of good ones
    assertThrows(LabelloopException.class, () -> app.assets().importDrafts(admin, project.id(), rows, false));
    assertEquals(0, db.projects().stats(project.id()).assetCount());
    assertTrue(db.labels().list(project.id(), null, null, null, null, 10).items().isEmpty());
  }
}
