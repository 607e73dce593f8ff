package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.store.Database;

/**
 * Stored sentence embeddings over real HTTP with the real background embedder (MiniLM): vectors for imported text
 * assets that survive a restart, the diverse cold-start order, and the learning loop using them. Subclasses pick the
 * database; a second connection pool on it reads what the server stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbeddingsContract {
  /** Three tight topics of ten near-duplicate sentences each, imported topic after topic. */
  static final String[] TOPICS = {
      "The striker scored a late goal and the home team won the football match %s.",
      "Preheat the oven, mix flour, butter and sugar, then bake the cake %s.",
      "The central bank raised interest rates and the stock market fell sharply %s."};
  static final String[] WHEN = {"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
      "on Sunday", "last night", "this morning", "yesterday"};

  Path data;
  String url;
  LabelloopApp app;
  Api admin;
  Database db;

  /** A JDBC URL of a fresh database, or null for the default SQLite file in the data directory. */
  abstract String databaseUrl();

  @BeforeAll
  void start() throws java.io.IOException {
    data = Files.createTempDirectory("labelloop-embeddings-it-");
    url = databaseUrl();
    serve(true);
    db = Database.open(url == null ? "jdbc:sqlite:" + data.resolve("labelloop.db") : url);
  }

  void serve(boolean embeddings) {
    if (app != null) app.close();
    app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, url, false, embeddings),
        new PrintStream(new ByteArrayOutputStream()));
    admin = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
  }

  @AfterAll
  void stop() {
    if (app != null) app.close();
    if (db != null) db.close();
  }

  Ports stored() {
    return db.ports();
  }

  String project() {
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "topics").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "OTHER")));
    assertEquals(201, p.status(), p.text());
    String project = p.body().path("id").asText();
    assertEquals(200, admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", 2)).status());
    return project;
  }

  void importTopics(String project, int perTopic, String prefix) {
    ArrayNode assets = Api.array();
    for (int t = 0; t < TOPICS.length; t++) {
      for (int i = 0; i < perTopic; i++) {
        assets.addObject().put("externalId", prefix + (t * perTopic + i)).put("content", TOPICS[t].formatted(WHEN[i % WHEN.length]));
      }
    }
    Response r = admin.post("/api/v1/projects/" + project + "/assets", assets);
    assertEquals(201, r.status(), r.text());
  }

  void awaitEmbedded(String project) {
    LearningLoopContract.await(() -> stored().embeddings().completeModel(project).orElse(null), "every asset's embedding");
  }

  List<Asset> assets(String project) {
    return stored().assets().list(new AssetQuery(project, null, null, null, null, 1000)).items();
  }

  @Test
  void embeddingsAreStoredForImportedAssetsAndSurviveARestart() {
    String project = project();
    importTopics(project, 4, "s");
    awaitEmbedded(project);
    String model = stored().embeddings().completeModel(project).orElseThrow();
    Map<String, float[]> before = stored().embeddings().vectors(project, model, false);
    assertEquals(12, before.size());
    for (float[] v : before.values()) {
      assertEquals(384, v.length);
      double norm = 0;
      for (float x : v) norm += x * x;
      assertEquals(1, norm, 1e-3, "unit length");
    }

    serve(false); // restarted without the embedder: the vectors are still there, new assets wait for theirs
    assertEquals(12, stored().embeddings().vectors(project, model, false).size());
    importTopics(project, 1, "late");
    assertTrue(stored().embeddings().completeModel(project).isEmpty(), "three new assets have no vector yet");

    serve(true); // the embedder resumes with the leftovers only
    awaitEmbedded(project);
    Map<String, float[]> after = stored().embeddings().vectors(project, model, false);
    assertEquals(15, after.size());
    before.forEach((asset, v) -> assertArrayEquals(v, after.get(asset)));
  }

  @Test
  void coldStartServesOneAssetOfEachTopicFirstAndTheModelUsesTheEmbeddings() {
    String project = project();
    importTopics(project, 10, "e");
    awaitEmbedded(project);
    LearningLoopContract.await(() -> assets(project).stream().anyMatch(a -> a.queueScore() == 1.0) ? true : null,
        "the diverse cold-start order");
    Set<Integer> topics = new HashSet<>();
    List<String> served = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      JsonNode next = admin.get("/api/v1/projects/" + project + "/queue/next").body();
      String externalId = next.path("externalId").asText();
      served.add(externalId);
      int index = Integer.parseInt(externalId.substring(1));
      topics.add(index / 10);
      label(project, next.path("id").asText(), index < 10 ? "SPORT" : "OTHER");
    }
    assertEquals(3, topics.size(), "the first three served come from three topics, not the import order: " + served);

    for (int i : new int[] {0, 1, 2, 3, 10, 11, 12, 20, 21, 22}) {
      if (!served.contains("e" + i)) label(project, id(project, "e" + i), i < 10 ? "SPORT" : "OTHER");
    }
    JsonNode model = LearningLoopContract.await(() -> {
      JsonNode items = admin.get("/api/v1/projects/" + project + "/models").body().path("items");
      return items.size() > 0 ? items.get(0) : null;
    }, "the first model");
    assertTrue(model.path("card").path("leaderboard").toString().contains("emb"),
        "AutoML considered the stored embeddings: " + model.path("card").path("leaderboard"));
  }

  @Test
  void aModelTrainedBeforeTheEmbeddingsWereStoredIsRetrainedWithThem() {
    String project = project();
    StringBuilder csv = new StringBuilder("id,text,label\n");
    for (int t = 0; t < TOPICS.length; t++) {
      for (int i = 0; i < 6; i++) {
        csv.append("l").append(t * 6 + i).append(",\"").append(TOPICS[t].formatted(WHEN[i % WHEN.length])).append("\",")
            .append(t == 0 ? "SPORT" : "OTHER").append('\n');
      }
    }
    Response r = admin.upload("/api/v1/projects/" + project + "/assets", "labeled.csv", csv.toString(),
        Map.of("idColumn", "id", "textColumn", "text", "labelColumn", "label"));
    assertEquals(201, r.status(), r.text());
    awaitEmbedded(project);
    JsonNode model = LearningLoopContract.await(() -> {
      JsonNode items = admin.get("/api/v1/projects/" + project + "/models").body().path("items");
      return items.size() > 0 && items.get(0).path("card").path("leaderboard").toString().contains("emb") ? items.get(0) : null;
    }, "a model that considered the stored embeddings, without any new label");
    assertEquals(18, model.path("labelsUsed").asInt(), model.toString());
  }

  @Test
  void similarAssetsAreTheSentencesOfTheSameTopicAndOfTheStatusAsked() {
    String project = project();
    importTopics(project, 5, "n"); // n0-n4 football, n5-n9 baking, n10-n14 interest rates
    awaitEmbedded(project);
    Response r = admin.get("/api/v1/projects/" + project + "/similar?assetId=" + id(project, "n0") + "&limit=4");
    assertEquals(200, r.status(), r.text());
    assertEquals("sentence vectors (" + stored().embeddings().completeModel(project).orElseThrow() + ")", r.body().path("comparedBy").asText());
    Set<String> found = new HashSet<>();
    r.body().path("items").forEach(i -> found.add(i.path("externalId").asText()));
    assertEquals(Set.of("n1", "n2", "n3", "n4"), found, r.text());

    label(project, id(project, "n1"), "SPORT");
    JsonNode todo = admin.get("/api/v1/projects/" + project + "/similar?assetId=" + id(project, "n0") + "&status=TODO&limit=3").body();
    found.clear();
    todo.path("items").forEach(i -> found.add(i.path("externalId").asText()));
    assertEquals(Set.of("n2", "n3", "n4"), found, "the labeled n1 is left out: " + todo);

    // words no text holds, close in meaning to the baking ones
    JsonNode meaning = admin.get("/api/v1/projects/" + project + "/similar?limit=5&text="
        + java.net.URLEncoder.encode("a recipe for a sweet dessert", java.nio.charset.StandardCharsets.UTF_8)).body();
    found.clear();
    meaning.path("items").forEach(i -> found.add(i.path("externalId").asText()));
    assertEquals(Set.of("n5", "n6", "n7", "n8", "n9"), found, meaning.toString());
  }

  String id(String project, String externalId) {
    return stored().assets().findByExternalId(project, externalId).orElseThrow().id();
  }

  void label(String project, String assetId, String category) {
    Response r = admin.post("/api/v1/projects/" + project + "/labels", Api.object().put("assetId", assetId)
        .put("labelType", "DEFAULT").set("jsonResponse", LearningLoopContract.answer(category)));
    assertEquals(201, r.status(), r.text());
  }
}
