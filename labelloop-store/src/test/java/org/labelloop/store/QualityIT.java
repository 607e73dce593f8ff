package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;
import static org.labelloop.store.Fixtures.drafts;
import static org.labelloop.store.Fixtures.json;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Project;
import org.labelloop.core.quality.QualityReports;
import org.labelloop.core.quality.QualityRepository;
import org.labelloop.core.queue.QueuedAsset;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;

/** Consensus, honeypots, kappa and the review send-back through the use cases, on both databases. */
class QualityIT extends OnBothDatabases {
  private Project project;
  private Caller admin;

  @BeforeEach
  void newProject() {
    admin = Fixtures.admin(db);
    project = Fixtures.project(db);
  }

  private Caller member(Role role) {
    Caller c = new Caller(Fixtures.user(db));
    db.members().put(project.id(), c.userId(), role);
    return c;
  }

  private void settings(String json) {
    app.quality().patchSettings(admin, project.id(), json(json));
  }

  private String id(String externalId) {
    return db.assets().findByExternalId(project.id(), externalId).orElseThrow().id();
  }

  private void answer(Caller who, String assetId, String category) {
    app.labels().submit(who, project.id(), Fixtures.label(assetId, LabelType.DEFAULT, category));
  }

  private AssetStatus status(String externalId) {
    return db.assets().findByExternalId(project.id(), externalId).orElseThrow().status();
  }

  @Test
  void consensusAssetsReachKDistinctLabelersAndNoMore() {
    settings("{\"consensus\": {\"labelers\": 3, \"percent\": 100, \"threshold\": 0.5}}");
    db.assets().insert(project.id(), drafts("c", 2), NOW);
    Map<String, Set<String>> servedTo = new HashMap<>();
    List<Caller> labelers = List.of(member(Role.LABELER), member(Role.LABELER), member(Role.LABELER), member(Role.LABELER));
    for (Caller labeler : labelers) {
      for (int guard = 0; guard < 10; guard++) {
        Optional<QueuedAsset> next = app.queue().next(labeler, project.id());
        if (next.isEmpty()) break;
        String asset = next.get().asset().externalId();
        assertTrue(servedTo.computeIfAbsent(asset, k -> new HashSet<>()).add(labeler.userId()), "served twice to one labeler");
        // the third labeler disagrees on c1
        boolean disagree = asset.equals("c1") && servedTo.get(asset).size() == 3;
        answer(labeler, next.get().asset().id(), disagree ? "POLITICS" : "SPORT");
      }
    }
    assertEquals(3, servedTo.get("c0").size());
    assertEquals(3, servedTo.get("c1").size());
    assertFalse(servedTo.get("c0").contains(labelers.get(3).userId()), "the fourth labeler is never served a complete asset");
    assertEquals(AssetStatus.LABELED, status("c0"));
    assertEquals(AssetStatus.TO_REVIEW, status("c1")); // mean pairwise agreement 1/3 < 0.5

    var low = app.quality().assets(admin, project.id(), 0.5, null, null, null, 10).items();
    assertEquals(List.of("c1"), low.stream().map(QualityRepository.AssetMarks::externalId).toList());
    assertEquals(1.0 / 3, low.getFirst().consensusMark(), 1e-9);
    assertEquals(3, low.getFirst().labelers());
  }

  @Test
  void withoutConsensusAnAssetIsServedToOneLabelerOnly() {
    db.assets().insert(project.id(), drafts("s", 1), NOW);
    Caller a = member(Role.LABELER);
    Caller b = member(Role.LABELER);
    answer(a, app.queue().next(a, project.id()).orElseThrow().asset().id(), "SPORT");
    assertTrue(app.queue().next(b, project.id()).isEmpty());
    assertEquals(AssetStatus.LABELED, status("s0"));
  }

  @Test
  void honeypotScoresAreComputedAgainstTheTrustedAnswer() {
    settings("{\"honeypot\": {\"rate\": 1.0}}");
    db.assets().insert(project.id(), drafts("h", 1), NOW);
    db.assets().insert(project.id(), drafts("r", 2), NOW);
    assertEquals(1, app.quality().setHoneypot(admin, project.id(), List.of("h0"), true));
    app.labels().submit(admin, project.id(), Fixtures.label(id("h0"), LabelType.REVIEW, "SPORT")); // the trusted answer
    Caller good = member(Role.LABELER);
    Caller bad = member(Role.LABELER);

    QueuedAsset g = app.queue().next(good, project.id()).orElseThrow();
    assertEquals("h0", g.asset().externalId());
    answer(good, g.asset().id(), "SPORT");
    QueuedAsset b = app.queue().next(bad, project.id()).orElseThrow();
    assertEquals("h0", b.asset().externalId(), "a honeypot is served to every labeler");
    answer(bad, b.asset().id(), "POLITICS");
    assertTrue(app.queue().next(good, project.id()).orElseThrow().asset().externalId().startsWith("r"), "never twice to one labeler");

    Map<String, QualityReports.LabelerQuality> byUser = new HashMap<>();
    app.quality().labelers(admin, project.id()).forEach(q -> byUser.put(q.userId(), q));
    assertEquals(1.0, byUser.get(good.userId()).honeypotScore(), 1e-9);
    assertEquals(0.0, byUser.get(bad.userId()).honeypotScore(), 1e-9);
    assertEquals(1, byUser.get(bad.userId()).honeypotSeries().size());
    assertEquals("2026-01-02", byUser.get(bad.userId()).honeypotSeries().getFirst().day());

    var marked = app.quality().assets(admin, project.id(), null, 0.6, null, null, 10).items();
    assertEquals(List.of("h0"), marked.stream().map(QualityRepository.AssetMarks::externalId).toList());
    assertEquals(0.5, marked.getFirst().honeypotMark(), 1e-9);
    assertEquals(0.0, marked.getFirst().consensusMark(), 1e-9); // the two labelers disagree

    // a corrected trusted answer re-scores the answers already given
    app.labels().submit(admin, project.id(), Fixtures.label(id("h0"), LabelType.REVIEW, "POLITICS"));
    byUser.clear();
    app.quality().labelers(admin, project.id()).forEach(q -> byUser.put(q.userId(), q));
    assertEquals(0.0, byUser.get(good.userId()).honeypotScore(), 1e-9);
    assertEquals(1.0, byUser.get(bad.userId()).honeypotScore(), 1e-9);
  }

  @Test
  void kappaAndCategoryAgreementMatchAHandComputedExample() {
    settings("{\"consensus\": {\"labelers\": 2, \"percent\": 100}}");
    db.assets().insert(project.id(), drafts("k", 4), NOW);
    Caller a = member(Role.LABELER);
    Caller b = member(Role.LABELER);
    String[] byA = {"SPORT", "SPORT", "POLITICS", "POLITICS"};
    String[] byB = {"SPORT", "POLITICS", "POLITICS", "POLITICS"};
    for (int i = 0; i < 4; i++) {
      answer(a, id("k" + i), byA[i]);
      answer(b, id("k" + i), byB[i]);
    }
    QualityReports.JobKappa kappa = app.quality().kappa(admin, project.id()).getFirst();
    // observed 3/4; chance 1/2·1/4 + 1/2·3/4 = 1/2 -> Cohen (0.75 - 0.5) / 0.5 = 0.5
    assertEquals(0.5, kappa.cohen(), 1e-9);
    // Fleiss: mean item agreement (1+0+1+1)/4 = 0.75; p = (3/8, 5/8) -> Pe = 34/64 -> (0.75 - 34/64) / (30/64) = 7/15
    assertEquals(7.0 / 15, kappa.fleiss(), 1e-9);
    assertEquals(4, kappa.fleissItems());

    QualityReports.JobCategories cats = app.quality().categories(admin, project.id()).getFirst();
    assertEquals(List.of("SPORT", "POLITICS"), cats.categories());
    assertEquals(2.0 / 3, cats.agreement().get(0).agreement(), 1e-9); // SPORT: 2·1 / (2 + 1)
    assertEquals(4.0 / 5, cats.agreement().get(1).agreement(), 1e-9); // POLITICS: 2·2 / (2 + 3)
    assertEquals(1, cats.confusion()[0][0]);
    assertEquals(1, cats.confusion()[0][1]);
    assertEquals(1, cats.confusion()[1][0]);
    assertEquals(2, cats.confusion()[1][1]);

    var labelers = app.quality().labelers(admin, project.id());
    assertEquals(2, labelers.size());
    for (var q : labelers) {
      assertEquals(4, q.labels());
      assertEquals(0.75, q.agreement(), 1e-9);
      assertEquals(3.5, q.medianSecondsPerLabel(), 1e-9);
      assertNull(q.honeypotScore());
    }
  }

  @Test
  void sendBackChecksRolesAndServesTheAssetToTheLabelerFirst() {
    db.assets().insert(project.id(), drafts("b", 2), NOW);
    Caller labeler = member(Role.LABELER);
    Caller other = member(Role.LABELER);
    Caller reviewer = member(Role.REVIEWER);
    answer(labeler, id("b0"), "SPORT");

    LabelloopException denied = assertThrows(LabelloopException.class,
        () -> app.quality().sendBack(labeler, project.id(), id("b0"), "please check", null));
    assertEquals(ErrorCode.FORBIDDEN, denied.code());
    assertThrows(LabelloopException.class, () -> app.quality().sendBack(reviewer, project.id(), id("b1"), "nothing yet", null));

    var comment = app.quality().sendBack(reviewer, project.id(), id("b0"), "  this is politics  ", null);
    assertEquals(labeler.userId(), comment.toUserId());
    assertEquals("this is politics", comment.comment());
    assertEquals("b1", app.queue().next(other, project.id()).orElseThrow().asset().externalId(), "reserved for the labeler");
    assertEquals("b0", app.queue().next(labeler, project.id()).orElseThrow().asset().externalId());
    answer(labeler, id("b0"), "POLITICS");
    assertEquals(AssetStatus.LABELED, status("b0"));
    assertTrue(app.quality().comments(labeler, project.id(), id("b0")).getFirst().resolvedAt() != null);
    assertTrue(app.queue().next(labeler, project.id()).isEmpty() || !app.queue().next(labeler, project.id()).get().asset().externalId().equals("b0"));
  }

  @Test
  void onlyAdminsChangeQualitySettings() {
    Caller reviewer = member(Role.REVIEWER);
    LabelloopException denied = assertThrows(LabelloopException.class,
        () -> app.quality().patchSettings(reviewer, project.id(), json("{\"honeypot\": {\"rate\": 0.1}}")));
    assertEquals(ErrorCode.FORBIDDEN, denied.code());
    assertThrows(LabelloopException.class, () -> settings("{\"consensus\": {\"percent\": 120}}"));
    settings("{\"consensus\": {\"labelers\": 2}}");
    settings("{\"honeypot\": {\"rate\": 0.2}}"); // a patch keeps the other fields
    var s = app.quality().settings(reviewer, project.id());
    assertEquals(2, s.consensusLabelers());
    assertEquals(0.2, s.honeypotRate(), 1e-12);
  }
}
