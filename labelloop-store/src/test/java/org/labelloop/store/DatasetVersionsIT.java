package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.labelloop.store.Fixtures.NOW;
import static org.labelloop.store.Fixtures.drafts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Caller;
import org.labelloop.core.version.DatasetVersion;
import org.labelloop.core.version.VersionDiff;

/** Dataset versions through the use case, on both databases. */
class DatasetVersionsIT extends OnBothDatabases {
  private Project project;
  private Caller admin;

  @BeforeEach
  void newProject() {
    admin = Fixtures.admin(db);
    project = Fixtures.project(db);
    db.assets().insert(project.id(), drafts("x", 4), NOW);
    for (String e : List.of("x0", "x1", "x2")) {
      label(e, LabelType.DEFAULT, "SPORT");
    }
  }

  private void label(String externalId, LabelType type, String category) {
    String assetId = db.assets().findByExternalId(project.id(), externalId).orElseThrow().id();
    app.labels().submit(admin, project.id(), Fixtures.label(assetId, type, category));
  }

  @Test
  void diffFindsExactlyTheAddedRemovedAndChangedAssets() {
    DatasetVersion v1 = app.versions().create(admin, project.id(), "v1");
    assertEquals(3, v1.assetCount());
    assertEquals(null, v1.modelVersion(), "no model has been trained in this project");
    label("x1", LabelType.DEFAULT, "POLITICS");
    label("x3", LabelType.DEFAULT, "SPORT");
    label("x2", LabelType.REVIEW, "SPORT"); // same answer from a reviewer is not a change
    DatasetVersion v2 = app.versions().create(admin, project.id(), "v2");

    VersionDiff diff = app.versions().diff(admin, project.id(), v1.id(), v2.id());
    assertEquals(List.of("x3"), diff.added());
    assertEquals(List.of(), diff.removed());
    assertEquals(List.of("x1"), diff.changed().stream().map(VersionDiff.Change::externalId).toList());
    assertEquals("SPORT", diff.changed().getFirst().before().at("/JOB_0/categories/0/name").asText());
    assertEquals("POLITICS", diff.changed().getFirst().after().at("/JOB_0/categories/0/name").asText());

    VersionDiff reverse = app.versions().diff(admin, project.id(), v2.id(), v1.id());
    assertEquals(List.of("x3"), reverse.removed());
  }

  @Test
  void sendsOnlyTheChangedAssetsToReview() {
    DatasetVersion v1 = app.versions().create(admin, project.id(), "before");
    label("x0", LabelType.DEFAULT, "POLITICS");
    DatasetVersion v2 = app.versions().create(admin, project.id(), "after");

    assertEquals(1, app.versions().sendChangedToReview(admin, project.id(), v1.id(), v2.id()));
    assertEquals(AssetStatus.TO_REVIEW, db.assets().findByExternalId(project.id(), "x0").orElseThrow().status());
    assertEquals(AssetStatus.LABELED, db.assets().findByExternalId(project.id(), "x1").orElseThrow().status());
  }

  @Test
  void versionsAreImmutableSnapshotsAndNamesAreUnique() {
    DatasetVersion v1 = app.versions().create(admin, project.id(), "v1");
    label("x0", LabelType.DEFAULT, "POLITICS");
    var out = new ByteArrayOutputStream();
    app.versions().export(admin, project.id(), v1.id(), out);
    String jsonl = out.toString(StandardCharsets.UTF_8);
    assertEquals(3, jsonl.lines().count());
    assertEquals(0, jsonl.lines().filter(l -> l.contains("POLITICS")).count());
    var e = assertThrows(LabelloopException.class, () -> app.versions().create(admin, project.id(), "v1"));
    assertEquals(org.labelloop.core.error.ErrorCode.CONFLICT, e.code());
  }
}
