package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.labelloop.store.Fixtures.NOW;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.learning.EmbeddingRepository;
import org.labelloop.core.learning.EmbeddingRepository.AssetVector;
import org.labelloop.core.learning.EmbeddingRepository.PendingAsset;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;

/** Stored embeddings and the cold-start scores written from them, on both databases. */
class EmbeddingRepositoryIT extends OnBothDatabases {
  private static final float[] V = {0.25f, -1.5f, 3e-8f, Float.MAX_VALUE};

  @Test
  void vectorsRoundTripAndAProjectIsCompleteOnlyWithOneModelForEveryAsset() {
    EmbeddingRepository embeddings = db.ports().embeddings();
    Project project = Fixtures.project(db);
    db.assets().insert(project.id(), Fixtures.drafts("v", 3), NOW);
    List<String> ids = mine(embeddings.withoutEmbedding("m1", null, 1000), project).stream().map(PendingAsset::assetId).toList();
    assertEquals(3, ids.size());

    embeddings.save("m1", List.of(new AssetVector(ids.get(0), V), new AssetVector(ids.get(1), V)), NOW);
    embeddings.save("m0", List.of(new AssetVector(ids.get(2), V)), NOW);
    assertEquals(Optional.empty(), embeddings.completeModel(project.id()), "two models");
    assertEquals(List.of(ids.get(2)), mine(embeddings.withoutEmbedding("m1", null, 1000), project).stream().map(PendingAsset::assetId).toList(),
        "another model's vector counts as missing");
    assertEquals(List.of(), mine(embeddings.withoutEmbedding("m1", ids.get(2), 1000), project), "after the last id seen");

    embeddings.save("m1", List.of(new AssetVector(ids.get(2), V)), NOW);
    assertEquals(Optional.of("m1"), embeddings.completeModel(project.id()));
    Map<String, float[]> all = embeddings.vectors(project.id(), "m1", false);
    assertEquals(ids, List.copyOf(all.keySet()));
    all.values().forEach(v -> assertArrayEquals(V, v));

    db.assets().setStatus(ids.get(0), AssetStatus.LABELED);
    assertEquals(ids.subList(1, 3), List.copyOf(embeddings.vectors(project.id(), "m1", true).keySet()));
  }

  @Test
  void mediaAssetsWaitForAVectorOfAnyModelAndADropPutsThemBack() {
    EmbeddingRepository embeddings = db.ports().embeddings();
    Project text = Fixtures.project(db);
    db.assets().insert(text.id(), Fixtures.drafts("t", 1), NOW);
    Project images = db.projects().create(new ProjectDraft("Photos", "", InputType.IMAGE, Fixtures.classification()), NOW);
    db.assets().insert(images.id(), Fixtures.drafts("i", 2), NOW);
    List<PendingAsset> pending = mine(embeddings.mediaWithoutEmbedding(null, 1000), images);
    assertEquals(2, pending.size());
    assertEquals(List.of(), mine(embeddings.mediaWithoutEmbedding(null, 1000), text), "text assets are the sentence embedder's");
    assertEquals("text of i0", pending.getFirst().content(), "the content: a media asset's file key");

    embeddings.save("encoder-a", List.of(new AssetVector(pending.get(0).assetId(), V), new AssetVector(pending.get(1).assetId(), new float[0])), NOW);
    assertEquals(List.of(), mine(embeddings.mediaWithoutEmbedding(null, 1000), images), "an empty vector marks an undecodable file as done");
    assertEquals(Optional.of("encoder-a"), embeddings.completeModel(images.id()));
    assertEquals(0, embeddings.vectors(images.id(), "encoder-a", false).get(pending.get(1).assetId()).length);

    assertEquals(2, db.transactor().inTransaction(() -> embeddings.drop(images.id())));
    assertEquals(2, mine(embeddings.mediaWithoutEmbedding(null, 1000), images).size());
    assertEquals(Optional.empty(), embeddings.completeModel(images.id()));
  }

  @Test
  void coldStartScoresReachOnlyAssetsStillToLabel() {
    Project project = Fixtures.project(db);
    db.assets().insert(project.id(), Fixtures.drafts("c", 2), NOW);
    List<Asset> assets = db.assets().list(new AssetQuery(project.id(), null, null, null, null, 10)).items();
    db.assets().setStatus(assets.get(1).id(), AssetStatus.LABELED);
    int changed = db.transactor().inTransaction(() -> db.learning().setColdStartScores(project.id(),
        Map.of(assets.get(0).id(), 0.75, assets.get(1).id(), 0.5)));
    assertEquals(1, changed);
    assertEquals(0.75, db.assets().find(project.id(), assets.get(0).id()).orElseThrow().queueScore());
    assertEquals(0.0, db.assets().find(project.id(), assets.get(1).id()).orElseThrow().queueScore());
  }

  @Test
  void eachAssetIsClaimedByOneWorkerUntilItsClaimLapses() {
    EmbeddingRepository embeddings = db.ports().embeddings();
    Project project = Fixtures.project(db);
    db.assets().insert(project.id(), Fixtures.drafts("w", 3), NOW);
    List<String> ids = mine(embeddings.withoutEmbedding("m1", null, 1000), project).stream().map(PendingAsset::assetId).toList();
    java.time.Instant until = NOW.plusSeconds(600);
    assertEquals(ids.subList(0, 2), embeddings.claim("text-embedding:m1", ids.subList(0, 2), "server-a", NOW, until));
    assertEquals(List.of(ids.get(2)), embeddings.claim("text-embedding:m1", ids, "server-b", NOW, until), "a holds two");
    assertEquals(ids, embeddings.claim("image-embedding:m1", ids, "server-b", NOW, until), "other work, other claims");
    assertEquals(ids.subList(0, 2), embeddings.claim("text-embedding:m1", ids.subList(0, 2), "server-a", NOW, until),
        "a worker renews its own claims");

    assertEquals(ids.subList(0, 2), embeddings.claim("text-embedding:m1", ids.subList(0, 2), "server-b", until.plusMillis(1),
        until.plusSeconds(600)), "a's claims lapsed (server a died)");
  }

  private static List<PendingAsset> mine(List<PendingAsset> pending, Project project) {
    return pending.stream().filter(p -> p.projectId().equals(project.id())).toList();
  }
}
