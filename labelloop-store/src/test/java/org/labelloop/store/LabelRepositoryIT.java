package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;
import static org.labelloop.store.Fixtures.drafts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.Project;

class LabelRepositoryIT extends OnBothDatabases {
  @Test
  void insertedLabelReadsBackUnchanged() {
    Project p = Fixtures.project(db);
    String u = Fixtures.user(db).id();
    db.assets().insert(p.id(), drafts("a", 1), NOW);
    Asset a = db.assets().findByExternalId(p.id(), "a0").orElseThrow();
    Label human = db.labels().insert(p.id(), a.id(), u, Fixtures.label(a.id(), LabelType.DEFAULT, "SPORT"), NOW);
    Label model = db.labels().insert(p.id(), a.id(), null, Fixtures.label(a.id(), LabelType.PREDICTION, "POLITICS"), NOW);
    List<Label> stored = db.labels().list(p.id(), null, null, null, 10).items();
    assertEquals(List.of(human, model), stored);
    assertNull(stored.get(1).authorId());
    assertEquals("model-1", stored.get(1).modelVersion());
    assertEquals(3.5, stored.get(0).secondsToLabel());
  }

  @Test
  void listFiltersByTypeAndAssetAndPages() {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("a", 30), NOW);
    List<Asset> assets = db.assets().list(new org.labelloop.core.asset.AssetQuery(p.id(), null, null, null, null, 100)).items();
    for (Asset a : assets) {
      db.labels().insert(p.id(), a.id(), null, Fixtures.label(a.id(), LabelType.PREDICTION, "SPORT"), NOW);
    }
    db.labels().insert(p.id(), assets.get(3).id(), null, Fixtures.label(assets.get(3).id(), LabelType.REVIEW, "SPORT"), NOW);
    assertEquals(1, db.labels().list(p.id(), LabelType.REVIEW, null, null, 0).items().size());
    assertEquals(2, db.labels().list(p.id(), null, assets.get(3).id(), null, 0).items().size());
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      Page<Label> page = db.labels().list(p.id(), LabelType.PREDICTION, null, cursor, 7);
      page.items().forEach(l -> assertTrue(seen.add(l.id())));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertEquals(30, seen.size());
  }

  @Test
  void forAssetsGroupsLabelsInCreationOrder() {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("a", 3), NOW);
    String a0 = db.assets().findByExternalId(p.id(), "a0").orElseThrow().id();
    String a1 = db.assets().findByExternalId(p.id(), "a1").orElseThrow().id();
    String a2 = db.assets().findByExternalId(p.id(), "a2").orElseThrow().id();
    Label first = db.labels().insert(p.id(), a0, null, Fixtures.label(a0, LabelType.PREDICTION, "SPORT"), NOW);
    Label other = db.labels().insert(p.id(), a1, null, Fixtures.label(a1, LabelType.DEFAULT, "SPORT"), NOW);
    Label second = db.labels().insert(p.id(), a0, null, Fixtures.label(a0, LabelType.DEFAULT, "POLITICS"), NOW);
    Map<String, List<Label>> byAsset = db.labels().forAssets(List.of(a2, a0, a1));
    assertEquals(List.of(a2, a0, a1), List.copyOf(byAsset.keySet()));
    assertEquals(List.of(first, second), byAsset.get(a0));
    assertEquals(List.of(other), byAsset.get(a1));
    assertEquals(List.of(), byAsset.get(a2));
  }

  @Test
  void forAssetsHandlesMoreIdsThanOneQuery() {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("a", 1200), NOW);
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      var page = db.assets().list(new org.labelloop.core.asset.AssetQuery(p.id(), null, null, null, cursor, 1000));
      page.items().forEach(a -> ids.add(a.id()));
      cursor = page.nextCursor();
    } while (cursor != null);
    String last = ids.getLast();
    db.labels().insert(p.id(), last, null, Fixtures.label(last, LabelType.PREDICTION, "SPORT"), NOW);
    Map<String, List<Label>> byAsset = db.labels().forAssets(ids);
    assertEquals(1200, byAsset.size());
    assertEquals(1, byAsset.get(last).size());
  }
}
