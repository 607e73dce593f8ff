package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;
import static org.labelloop.store.Fixtures.draft;
import static org.labelloop.store.Fixtures.drafts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.Project;

class AssetRepositoryIT extends OnBothDatabases {
  @Test
  void findsAssetsByTextByTheCategoryOfTheirChosenAnswerAndByLabeler() {
    Project p = Fixtures.project(db);
    String alice = db.users().create("alice-" + System.nanoTime() + "@example.org", "Alice", "x", false, NOW).id();
    String bob = db.users().create("bob-" + System.nanoTime() + "@example.org", "Bob", "x", false, NOW).id();
    db.assets().insert(p.id(), List.of(
        new org.labelloop.core.asset.AssetDraft("a", "Rates rose by 50% in Zürich", null, 0, false, null),
        new org.labelloop.core.asset.AssetDraft("b", "rates_of growth", null, 0, false, null),
        new org.labelloop.core.asset.AssetDraft("c-RATES", "the match!", null, 0, false, null),
        new org.labelloop.core.asset.AssetDraft("d", "a skipped one", null, 0, false, null)), NOW);
    // external ids in order: PostgreSQL's batch insert numbers a batch's assets in that order
    String a = id(p, "a"), b = id(p, "b"), c = id(p, "c-RATES"), d = id(p, "d");
    db.labels().insert(p.id(), a, alice, Fixtures.label(a, LabelType.DEFAULT, "SPORT"), NOW);
    db.labels().insert(p.id(), a, bob, Fixtures.label(a, LabelType.REVIEW, "POLITICS"), NOW); // the review counts
    db.labels().insert(p.id(), b, bob, Fixtures.label(b, LabelType.DEFAULT, "SPORT"), NOW);
    db.labels().insert(p.id(), b, alice, Fixtures.label(b, LabelType.DEFAULT, "POLITICS"), NOW); // the newest counts
    db.labels().insert(p.id(), c, null, Fixtures.label(c, LabelType.PREDICTION, "SPORT"), NOW); // a model's, not an answer
    db.labels().insert(p.id(), d, alice, Fixtures.label(d, LabelType.DEFAULT, "SPORT"), NOW);
    db.labels().insert(p.id(), d, bob, Fixtures.skip(d), NOW); // a skip is no answer: SPORT still counts

    assertEquals(List.of("a", "b", "c-RATES"), found(p, "rates", null, null), "ignores case, in the text or the id");
    assertEquals(List.of("a"), found(p, "50%", null, null), "% is a character, not a wildcard");
    assertEquals(List.of("b"), found(p, "s_o", null, null), "_ is a character, not a wildcard");
    assertEquals(List.of("c-RATES"), found(p, "match!", null, null), "nor is the escape character");
    assertEquals(List.of("a"), found(p, "Zürich", null, null));
    assertEquals(List.of("a", "b"), found(p, null, "POLITICS", null));
    assertEquals(List.of("d"), found(p, null, "SPORT", null));
    assertEquals(List.of("a", "b", "d"), found(p, null, null, alice));
    assertEquals(List.of("b"), found(p, null, null, bob), "a REVIEW or a skip is not a labeler's answer");
    assertEquals(List.of("b"), found(p, "rates", "POLITICS", bob), "the filters combine");
    assertEquals(List.of(), found(p, "nothing like it", null, null));
    AssetQuery idsOnly = new AssetQuery(p.id(), null, null, null, new AssetQuery.Match("rates", false, null, null), null, 100);
    assertEquals(List.of("c-RATES"), db.assets().list(idsOnly).items().stream().map(Asset::externalId).toList(),
        "a stored file's key is not searched");

    AssetQuery paged = new AssetQuery(p.id(), null, null, null, AssetQuery.Match.of("rates", null, null), null, 1);
    Page<Asset> first = db.assets().list(paged);
    assertEquals(List.of("a"), first.items().stream().map(Asset::externalId).toList());
    assertEquals(List.of("b"), db.assets().list(paged.page(first.nextCursor(), 1)).items().stream().map(Asset::externalId).toList());
    List<String> streamed = new ArrayList<>();
    db.assets().forEachStored(new AssetQuery(p.id(), null, null, null, AssetQuery.Match.of(null, "POLITICS", null), null, 1000),
        s -> streamed.add(new String(s.externalId(), java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(List.of("a", "b"), streamed, "an export filters the same way");
  }

  private static String id(Project p, String externalId) {
    return db.assets().findByExternalId(p.id(), externalId).orElseThrow().id();
  }

  private static List<String> found(Project p, String text, String category, String labeledBy) {
    AssetQuery q = new AssetQuery(p.id(), null, null, null, AssetQuery.Match.of(text, category, labeledBy), null, 100);
    return db.assets().list(q).items().stream().map(Asset::externalId).toList();
  }

  @Test
  void insertReportsDuplicatesWithinTheBatchAndAgainstStoredAssets() {
    Project p = Fixtures.project(db);
    assertArrayEquals(new boolean[] {true, true}, db.assets().insert(p.id(), List.of(draft("a"), draft("b")), NOW));
    boolean[] flags = db.assets().insert(p.id(), List.of(draft("b"), draft("c"), draft("c"), draft("d")), NOW);
    assertArrayEquals(new boolean[] {false, true, false, true}, flags);
    assertEquals(4, db.projects().stats(p.id()).assetCount());
    assertEquals("text of b", db.assets().findByExternalId(p.id(), "b").orElseThrow().content());
  }

  @Test
  void insertKeepsTheFirstDraftOfAnExternalIdAndEveryCharacterOfItsText() {
    Project p = Fixtures.project(db);
    String hostile = "tab\there\nnew line\r\nback\\slash \\N \\. end";
    var first = new org.labelloop.core.asset.AssetDraft("a\tb\\c", hostile, Fixtures.json("{\"k\": \"v\\t\\n\"}"), 2, false, null);
    var second = new org.labelloop.core.asset.AssetDraft("a\tb\\c", "the second", null, 9, true, null);
    assertArrayEquals(new boolean[] {true, false, true}, db.assets().insert(p.id(), List.of(first, second, draft("\\N")), NOW));
    Asset a = db.assets().findByExternalId(p.id(), "a\tb\\c").orElseThrow();
    assertEquals(hostile, a.content());
    assertEquals(Fixtures.json("{\"k\": \"v\\t\\n\"}"), a.metadata());
    assertEquals(2, a.priority());
    assertNull(db.assets().findByExternalId(p.id(), "\\N").orElseThrow().metadata());
  }

  @Test
  void twoInsertsInOneTransactionReportEachOwnDrafts() {
    Project p = Fixtures.project(db);
    boolean[][] flags = db.transactor().inTransaction(() -> new boolean[][] {
        db.assets().insert(p.id(), List.of(draft("a"), draft("b")), NOW),
        db.assets().insert(p.id(), List.of(draft("c"), draft("a")), NOW)});
    assertArrayEquals(new boolean[] {true, true}, flags[0]);
    assertArrayEquals(new boolean[] {true, false}, flags[1]);
    assertEquals(3, db.projects().stats(p.id()).assetCount());
  }

  @Test
  void sameExternalIdMayExistInTwoProjects() {
    Project p1 = Fixtures.project(db);
    Project p2 = Fixtures.project(db);
    assertArrayEquals(new boolean[] {true}, db.assets().insert(p1.id(), List.of(draft("x")), NOW));
    assertArrayEquals(new boolean[] {true}, db.assets().insert(p2.id(), List.of(draft("x")), NOW));
  }

  @Test
  void insertedAssetsKeepTheirFields() {
    Project p = Fixtures.project(db);
    var d = new org.labelloop.core.asset.AssetDraft("e1", "héllo ✓", Fixtures.json("{\"source\": \"web\", \"n\": 3}"), 7, true, "SPORT");
    db.assets().insert(p.id(), List.of(d), NOW);
    Asset a = db.assets().findByExternalId(p.id(), "e1").orElseThrow();
    assertEquals("héllo ✓", a.content());
    assertEquals(Fixtures.json("{\"source\": \"web\", \"n\": 3}"), a.metadata());
    assertEquals(7, a.priority());
    assertTrue(a.honeypot());
    assertEquals(AssetStatus.TODO, a.status());
    assertEquals(NOW.toEpochMilli(), a.createdAt().toEpochMilli());
    assertEquals(a, db.assets().find(p.id(), a.id()).orElseThrow());
    assertTrue(db.assets().find(p.id(), "not-an-id").isEmpty());
    assertTrue(db.assets().find(Fixtures.project(db).id(), a.id()).isEmpty(), "an asset is found only in its project");
  }

  @Test
  void transactionThatThrowsLeavesNoAssets() {
    Project p = Fixtures.project(db);
    assertThrows(
        IllegalStateException.class,
        () ->
            db.transactor()
                .inTransaction(
                    () -> {
                      for (int b = 0; b < 3; b++) {
                        db.assets().insert(p.id(), drafts("batch" + b + "-", 100), NOW);
                      }
                      assertEquals(300, db.projects().stats(p.id()).assetCount(), "reads inside see the writes");
                      throw new IllegalStateException("bad line 301");
                    }));
    assertEquals(0, db.projects().stats(p.id()).assetCount());
  }

  @Test
  void cursorPaginationVisitsEveryAssetExactlyOnce() {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("a", 250), NOW);
    db.assets().insert(Fixtures.project(db).id(), drafts("other", 10), NOW);
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<Asset> page = db.assets().list(new AssetQuery(p.id(), null, null, null, cursor, 100));
      for (Asset a : page.items()) {
        assertTrue(seen.add(a.externalId()), "seen twice: " + a.externalId());
        assertEquals(p.id(), a.projectId());
      }
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);
    assertEquals(250, seen.size());
    assertEquals(3, pages);
  }

  @Test
  void exactlyFullLastPageHasNoNextCursor() {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("a", 4), NOW);
    Page<Asset> first = db.assets().list(new AssetQuery(p.id(), null, null, null, null, 2));
    Page<Asset> second = db.assets().list(new AssetQuery(p.id(), null, null, null, first.nextCursor(), 2));
    assertEquals(2, second.items().size());
    assertNull(second.nextCursor());
  }

  @Test
  void badCursorIsTheCallersError() {
    Project p = Fixtures.project(db);
    assertThrows(LabelloopException.class, () -> db.assets().list(new AssetQuery(p.id(), null, null, null, "abc", 2)));
  }

  @Test
  void listFiltersByStatusExternalIdAndLabelType() {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("a", 5), NOW);
    assertEquals(2, db.assets().update(p.id(), List.of("a1", "a3", "missing"), AssetStatus.TO_REVIEW, null));
    Asset a4 = db.assets().findByExternalId(p.id(), "a4").orElseThrow();
    db.labels().insert(p.id(), a4.id(), null, Fixtures.label(a4.id(), LabelType.PREDICTION, "SPORT"), NOW);
    assertEquals(
        List.of("a1", "a3"), externalIds(db.assets().list(new AssetQuery(p.id(), AssetStatus.TO_REVIEW, null, null, null, 0))));
    assertEquals(List.of("a2"), externalIds(db.assets().list(new AssetQuery(p.id(), null, null, "a2", null, 0))));
    assertEquals(
        List.of("a4"), externalIds(db.assets().list(new AssetQuery(p.id(), null, LabelType.PREDICTION, null, null, 0))));
    assertEquals(List.of(), externalIds(db.assets().list(new AssetQuery(p.id(), null, LabelType.DEFAULT, null, null, 0))));
  }

  @Test
  void bulkUpdateSetsPriorityAndCountsFoundAssets() {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), drafts("a", 3), NOW);
    assertEquals(2, db.assets().update(p.id(), List.of("a0", "a2", "a2"), null, 9));
    assertEquals(9, db.assets().findByExternalId(p.id(), "a2").orElseThrow().priority());
    assertEquals(AssetStatus.TODO, db.assets().findByExternalId(p.id(), "a2").orElseThrow().status());
    assertEquals(0, db.assets().findByExternalId(p.id(), "a1").orElseThrow().priority());
    assertEquals(2, db.assets().update(p.id(), List.of("a0", "a1", "zz"), null, null), "nothing to change: counts found");
  }

  @Test
  void settingAFinalStatusDropsTheLock() {
    Project p = Fixtures.project(db);
    String u = Fixtures.user(db).id();
    String other = Fixtures.user(db).id();
    db.assets().insert(p.id(), drafts("a", 1), NOW);
    Asset a = claim(p, u, NOW);
    db.assets().setStatus(a.id(), AssetStatus.TODO); // e.g. an admin puts it back
    assertEquals(a.id(), claim(p, other, NOW).id(), "no stale lock keeps it from others");
  }

  @Test
  void claimNextServesByPriorityThenId() {
    Project p = Fixtures.project(db);
    String u = Fixtures.user(db).id();
    db.assets().insert(p.id(), List.of(draft("low", 0), draft("high", 5), draft("mid", 3), draft("high2", 5)), NOW);
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Asset a = claim(p, u, NOW);
      served.add(a.externalId());
      db.labels().insert(p.id(), a.id(), u, Fixtures.label(a.id(), LabelType.DEFAULT, "SPORT"), NOW);
      db.assets().setStatus(a.id(), AssetStatus.LABELED);
    }
    assertEquals(List.of("high", "high2", "mid", "low"), served);
    assertTrue(db.assets().claimNext(p.id(), u, NOW, NOW.plusSeconds(60)).isEmpty());
  }

  @Test
  void claimNextServesTheUsersOwnLiveLockFirst() {
    Project p = Fixtures.project(db);
    String u = Fixtures.user(db).id();
    db.assets().insert(p.id(), drafts("a", 3), NOW);
    Asset first = claim(p, u, NOW);
    assertEquals(AssetStatus.ONGOING, first.status());
    db.assets().update(p.id(), List.of("a2"), null, 100); // a better asset appears
    assertEquals(first.id(), claim(p, u, NOW.plusSeconds(10)).id(), "own lock first");
  }

  @Test
  void claimNextNeverServesALockedAssetToAnotherUserUntilTheLockExpires() {
    Project p = Fixtures.project(db);
    String alice = Fixtures.user(db).id();
    String bob = Fixtures.user(db).id();
    db.assets().insert(p.id(), drafts("a", 1), NOW);
    Asset a = claim(p, alice, NOW);
    assertTrue(db.assets().claimNext(p.id(), bob, NOW.plusSeconds(30), NOW.plusSeconds(90)).isEmpty());
    assertEquals(a.id(), claim(p, bob, NOW.plusSeconds(61)).id(), "expired lock is claimable");
  }

  @Test
  void claimNextSkipsAssetsTheUserLabeledOrSkipped() {
    Project p = Fixtures.project(db);
    String u = Fixtures.user(db).id();
    String other = Fixtures.user(db).id();
    db.assets().insert(p.id(), drafts("a", 3), NOW);
    Asset a0 = db.assets().findByExternalId(p.id(), "a0").orElseThrow();
    Asset a1 = db.assets().findByExternalId(p.id(), "a1").orElseThrow();
    db.labels().insert(p.id(), a0.id(), u, Fixtures.label(a0.id(), LabelType.DEFAULT, "SPORT"), NOW); // still TODO (consensus)
    db.labels().insert(p.id(), a1.id(), u, Fixtures.skip(a1.id()), NOW);
    db.labels().insert(p.id(), a1.id(), null, Fixtures.label(a1.id(), LabelType.PREDICTION, "SPORT"), NOW);
    assertEquals("a2", claim(p, u, NOW).externalId());
    assertEquals("a0", claim(p, other, NOW).externalId(), "another user still gets it");
  }

  @Test
  void releasePutsTheAssetBackInTheQueue() {
    Project p = Fixtures.project(db);
    String u = Fixtures.user(db).id();
    String other = Fixtures.user(db).id();
    db.assets().insert(p.id(), drafts("a", 1), NOW);
    Asset a = claim(p, u, NOW);
    db.assets().release(a.id(), other); // not theirs: no effect
    assertTrue(db.assets().claimNext(p.id(), other, NOW, NOW.plusSeconds(60)).isEmpty());
    db.assets().release(a.id(), u);
    assertEquals(AssetStatus.TODO, db.assets().find(p.id(), a.id()).orElseThrow().status());
    assertEquals(a.id(), claim(p, other, NOW).id());
  }

  @Test
  void claimNextNeverServesTheSameAssetTwice() throws Exception {
    Project p = Fixtures.project(db);
    int threads = 8;
    int perThread = 15;
    db.assets().insert(p.id(), drafts("a", threads * perThread + 5), NOW);
    List<String> users = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      users.add(Fixtures.user(db).id());
    }
    List<String> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
    var start = new java.util.concurrent.CountDownLatch(1);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (String user : users) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    Asset a = db.assets().claimNext(p.id(), user, NOW, NOW.plusSeconds(300)).orElseThrow();
                    claimed.add(a.id());
                    // label it so this user's next claim moves on (own lock first would return it again)
                    db.transactor()
                        .inTransaction(
                            () -> {
                              db.labels().insert(p.id(), a.id(), user, Fixtures.label(a.id(), LabelType.DEFAULT, "SPORT"), NOW);
                              db.assets().setStatus(a.id(), AssetStatus.LABELED);
                            });
                  }
                  return null;
                }));
      }
      start.countDown();
      for (var f : futures) {
        f.get();
      }
    }
    assertEquals(threads * perThread, claimed.size());
    assertEquals(claimed.size(), new HashSet<>(claimed).size(), "every claim is a different asset");
    assertEquals(5, db.projects().stats(p.id()).assetsByStatus().get(AssetStatus.TODO));
  }

  @Test
  void claimNextInsideAFailedTransactionClaimsNothing() {
    Project p = Fixtures.project(db);
    String u = Fixtures.user(db).id();
    db.assets().insert(p.id(), drafts("a", 1), NOW);
    assertThrows(
        IllegalStateException.class,
        () ->
            db.transactor()
                .inTransaction(
                    () -> {
                      db.assets().claimNext(p.id(), u, NOW, NOW.plusSeconds(60));
                      throw new IllegalStateException("boom");
                    }));
    assertEquals(AssetStatus.TODO, db.assets().findByExternalId(p.id(), "a0").orElseThrow().status());
  }

  private static Asset claim(Project p, String user, Instant now) {
    return db.assets().claimNext(p.id(), user, now, now.plus(Duration.ofSeconds(60))).orElseThrow();
  }

  private static List<String> externalIds(Page<Asset> page) {
    return page.items().stream().map(Asset::externalId).toList();
  }

  @Test
  void emptyInsertTouchesNothing() {
    assertEquals(0, db.assets().insert(Fixtures.project(db).id(), List.of(), NOW).length);
    assertFalse(db.assets().findByExternalId("1", "nothing").isPresent());
  }
}
