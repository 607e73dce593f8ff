package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;
import static org.labelloop.store.Fixtures.drafts;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.core.project.ProjectStats;
import org.labelloop.core.user.Role;

class ProjectRepositoryIT extends OnBothDatabases {
  @Test
  void createdProjectIsFoundWithItsInterface() {
    Project p = Fixtures.project(db);
    Project found = db.projects().find(p.id()).orElseThrow();
    assertEquals(p, found);
    assertEquals("Sport", found.jsonInterface().job("JOB_0").categories().get("SPORT").name());
    assertTrue(db.projects().find("999999").isEmpty());
    assertTrue(db.projects().find("x").isEmpty());
  }

  @Test
  void updateSavesTitleInstructionsAndInterface() {
    Project p = Fixtures.project(db);
    JsonInterface ner =
        JsonInterface.parse(
            Fixtures.json(
                "{\"jobs\": {\"NER\": {\"mlTask\": \"NAMED_ENTITIES_RECOGNITION\", \"content\": {\"input\": \"radio\","
                    + " \"categories\": {\"PER\": {}}}}}}"));
    Project changed = new Project(p.id(), "Renamed", "d2", "Read the guide first.", InputType.TABULAR, ner, p.createdAt(), p.updatedAt());
    Project stored = db.projects().update(changed, NOW.plusSeconds(5));
    assertEquals("Renamed", stored.title());
    assertEquals(InputType.TABULAR, stored.inputType());
    assertEquals("Read the guide first.", db.projects().find(p.id()).orElseThrow().instructions());
    assertEquals(ner.json(), stored.jsonInterface().json());
    assertEquals(NOW.plusSeconds(5).toEpochMilli(), stored.updatedAt().toEpochMilli());
    assertEquals(p.createdAt(), stored.createdAt());
    Project missing = new Project("987654", "t", "", "", InputType.TEXT, ner, NOW, NOW);
    var e = assertThrows(LabelloopException.class, () -> db.projects().update(missing, NOW));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
  }

  @Test
  void listShowsOnlyProjectsTheUserIsAMemberOf() {
    var labeler = Fixtures.user(db);
    Project mine = Fixtures.project(db);
    Project notMine = Fixtures.project(db);
    db.members().put(mine.id(), labeler.id(), Role.LABELER);
    List<String> visible = db.projects().list(labeler.id(), null, 100).items().stream().map(Project::id).toList();
    assertEquals(List.of(mine.id()), visible);
    List<String> all = db.projects().list(null, null, 1000).items().stream().map(Project::id).toList();
    assertTrue(all.containsAll(List.of(mine.id(), notMine.id())));
  }

  @Test
  void listPagesByCursor() {
    var user = Fixtures.user(db);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Project p = Fixtures.project(db);
      db.members().put(p.id(), user.id(), Role.ADMIN);
      created.add(p.id());
    }
    var first = db.projects().list(user.id(), null, 3);
    var second = db.projects().list(user.id(), first.nextCursor(), 3);
    assertEquals(created.subList(0, 3), first.items().stream().map(Project::id).toList());
    assertEquals(created.subList(3, 5), second.items().stream().map(Project::id).toList());
    assertNull(second.nextCursor());
  }

  @Test
  void deleteRemovesAssetsLabelsAndMembers() {
    var user = Fixtures.user(db);
    Project p = Fixtures.project(db);
    Project kept = Fixtures.project(db);
    db.members().put(p.id(), user.id(), Role.LABELER);
    db.assets().insert(p.id(), drafts("a", 3), NOW);
    db.assets().insert(kept.id(), drafts("a", 2), NOW);
    var asset = db.assets().findByExternalId(p.id(), "a0").orElseThrow();
    db.labels().insert(p.id(), asset.id(), user.id(), Fixtures.label(asset.id(), LabelType.DEFAULT, "SPORT"), NOW);

    db.projects().delete(p.id());

    assertTrue(db.projects().find(p.id()).isEmpty());
    assertEquals(0, db.projects().stats(p.id()).assetCount());
    assertTrue(db.labels().list(p.id(), null, null, null, null, 10).items().isEmpty());
    assertTrue(db.members().list(p.id()).isEmpty());
    assertTrue(db.labels().forAssets(List.of(asset.id())).get(asset.id()).isEmpty());
    assertEquals(2, db.projects().stats(kept.id()).assetCount());
    assertTrue(db.users().find(user.id()).isPresent());
  }

  @Test
  void statsCountAssetsByStatusAndLabelsByType() {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("a", 4), NOW);
    db.assets().update(p.id(), List.of("a0", "a1"), AssetStatus.LABELED, null);
    var a0 = db.assets().findByExternalId(p.id(), "a0").orElseThrow();
    db.labels().insert(p.id(), a0.id(), null, Fixtures.label(a0.id(), LabelType.DEFAULT, "SPORT"), NOW);
    db.labels().insert(p.id(), a0.id(), null, Fixtures.label(a0.id(), LabelType.PREDICTION, "SPORT"), NOW);
    db.labels().insert(p.id(), a0.id(), null, Fixtures.label(a0.id(), LabelType.PREDICTION, "POLITICS"), NOW);
    ProjectStats stats = db.projects().stats(p.id());
    assertEquals(4, stats.assetCount());
    assertEquals(2L, stats.assetsByStatus().get(AssetStatus.TODO));
    assertEquals(2L, stats.assetsByStatus().get(AssetStatus.LABELED));
    assertEquals(0L, stats.assetsByStatus().get(AssetStatus.REVIEWED));
    assertEquals(1L, stats.labelsByType().get(LabelType.DEFAULT));
    assertEquals(2L, stats.labelsByType().get(LabelType.PREDICTION));
    assertEquals(0L, stats.labelsByType().get(LabelType.REVIEW));
  }

  @Test
  void draftWithBlankTitleNeverReachesTheDatabase() {
    assertThrows(LabelloopException.class, () -> new ProjectDraft(" ", "", InputType.TEXT, Fixtures.classification()));
  }
}
