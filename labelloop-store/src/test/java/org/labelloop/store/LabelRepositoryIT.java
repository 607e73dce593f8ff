package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.labelloop.core.label.LabelDraft;
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
    List<Label> stored = db.labels().list(p.id(), null, null, null, null, 10).items();
    assertEquals(List.of(human, model), stored);
    assertNull(stored.get(1).authorId());
    assertEquals("model-1", stored.get(1).modelVersion());
    assertEquals(3.5, stored.get(0).secondsToLabel());
  }

  @Test
  void insertAllStoresWhatSingleInsertsStoreInOrder() {
    String u = Fixtures.user(db).id();
    Project single = Fixtures.project(db);
    Project batched = Fixtures.project(db);
    List<LabelDraft> drafts =
        List.of(
            byExternalId("a0", Fixtures.label("x", LabelType.DEFAULT, "SPORT")),
            byExternalId("a1", Fixtures.label("x", LabelType.REVIEW, "POLITICS")),
            byExternalId("a2", Fixtures.skip("x")),
            byExternalId("a0", Fixtures.label("x", LabelType.PREDICTION, "POLITICS")));
    List<Label> one = new ArrayList<>();
    db.assets().insert(single.id(), drafts("a", 3), NOW);
    for (LabelDraft d : drafts) {
      String assetId = db.assets().findByExternalId(single.id(), d.assetExternalId()).orElseThrow().id();
      one.add(db.labels().insert(single.id(), assetId, u, d, NOW));
    }
    db.assets().insert(batched.id(), drafts("a", 3), NOW);
    assertArrayEquals(new boolean[] {true, true, true, true}, db.labels().insertAll(batched.id(), u, drafts, NOW));
    List<Label> many = db.labels().list(batched.id(), null, null, null, null, 10).items();
    assertEquals(one.stream().map(l -> sansIds(l, single)).toList(), many.stream().map(l -> sansIds(l, batched)).toList());
    assertEquals(one, db.labels().list(single.id(), null, null, null, null, 10).items(), "what single inserts return is what is stored");
    String a0 = db.assets().findByExternalId(batched.id(), "a0").orElseThrow().id();
    assertEquals(List.of(many.get(0), many.get(3)), db.labels().forAssets(List.of(a0)).get(a0));
  }

  @Test
  void insertAllInsertsNothingForAnAssetNotInTheProject() {
    Project p = Fixtures.project(db);
    Project other = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("a", 1), NOW);
    db.assets().insert(other.id(), drafts("b", 1), NOW);
    LabelDraft label = Fixtures.label("x", LabelType.PREDICTION, "SPORT");
    boolean[] found = db.labels().insertAll(p.id(), null, List.of(byExternalId("b0", label), byExternalId("a0", label), byExternalId("zz", label)), NOW);
    assertArrayEquals(new boolean[] {false, true, false}, found);
    List<Label> stored = db.labels().list(p.id(), null, null, null, null, 10).items();
    assertEquals(1, stored.size());
    assertEquals(db.assets().findByExternalId(p.id(), "a0").orElseThrow().id(), stored.getFirst().assetId());
    assertNull(stored.getFirst().authorId());
    assertTrue(db.labels().list(other.id(), null, null, null, null, 10).items().isEmpty());
    assertEquals(0, db.labels().insertAll(p.id(), null, List.of(), NOW).length);
  }

  private static LabelDraft byExternalId(String externalId, LabelDraft d) {
    return new LabelDraft(null, externalId, d.labelType(), d.jsonResponse(), d.modelVersion(), d.secondsToLabel(), d.skipped());
  }

  /** A label with its own and its asset's ids replaced by the asset's external id, to compare across projects. */
  private static List<Object> sansIds(Label l, Project p) {
    String externalId = db.assets().find(p.id(), l.assetId()).orElseThrow().externalId();
    return java.util.Arrays.asList(
        externalId, l.authorId(), l.labelType(), l.jsonResponse(), l.modelVersion(), l.createdAt(), l.secondsToLabel(), l.skipped());
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
    assertEquals(1, db.labels().list(p.id(), LabelType.REVIEW, null, null, null, 0).items().size());
    assertEquals(2, db.labels().list(p.id(), null, assets.get(3).id(), null, null, 0).items().size());
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      Page<Label> page = db.labels().list(p.id(), LabelType.PREDICTION, null, null, cursor, 7);
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
