package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/** The quality API of issue 7 over real HTTP; subclasses pick the database. */
abstract class QualityApiContract extends ServerContract {
  private static final AtomicInteger USERS = new AtomicInteger();

  private String project(String... idAndText) {
    Response r = admin.post("/api/v1/projects", Api.object().put("title", "quality").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH")));
    assertEquals(201, r.status(), r.text());
    String p = r.body().path("id").asText();
    ArrayNode assets = Api.array();
    for (int i = 0; i < idAndText.length; i += 2) {
      assets.addObject().put("externalId", idAndText[i]).put("content", idAndText[i + 1]);
    }
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/assets", assets).status());
    return p;
  }

  /** A SPORT/TECH text project with these assets and labels. */
  private String labeledProject(ArrayNode assets, ArrayNode labels) {
    Response r = admin.post("/api/v1/projects", Api.object().put("title", "labeled").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH")));
    String p = r.body().path("id").asText();
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/assets", assets).status());
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", labels).status());
    return p;
  }

  /** A member with the role; returns {userId, apiKey}. */
  private String[] member(String project, String role) {
    String email = "q" + USERS.incrementAndGet() + "-" + System.nanoTime() + "@example.org";
    Response u = admin.post("/api/v1/users", Api.object().put("email", email).put("name", "Q").put("password", "a long enough password"));
    String id = u.body().path("id").asText();
    String key = admin.post("/api/v1/users/" + id + "/api-keys", Api.object().put("name", "t")).body().path("key").asText();
    assertEquals(true, admin.post("/api/v1/projects/" + project + "/members", Api.object().put("userId", id).put("role", role)).status() < 300);
    return new String[] {id, key};
  }

  private static JsonNode answer(String externalId, String category) {
    return Api.object().put("assetExternalId", externalId).put("labelType", "DEFAULT").put("secondsToLabel", 2.0)
        .set("jsonResponse", Api.object().set("JOB_0", Api.object().set("categories", Api.array().add(Api.object().put("name", category)))));
  }

  @Test
  void qualitySettingsArePatchedByAdminsOnly() {
    String p = project("a", "one");
    String[] labeler = member(p, "LABELER");
    assertEquals(403, admin.as(labeler[1]).patch("/api/v1/projects/" + p + "/quality-settings",
        Api.object().set("honeypot", Api.object().put("rate", 0.1))).status());
    assertEquals(400, admin.patch("/api/v1/projects/" + p + "/quality-settings",
        Api.object().set("consensus", Api.object().put("percent", 150))).status());
    Response ok = admin.patch("/api/v1/projects/" + p + "/quality-settings",
        Api.object().set("consensus", Api.object().put("labelers", 3).put("percent", 20).put("threshold", 0.6)));
    assertEquals(200, ok.status(), ok.text());
    JsonNode s = admin.get("/api/v1/projects/" + p + "/quality-settings").body();
    assertEquals(3, s.at("/consensus/labelers").asInt());
    assertEquals(20.0, s.at("/consensus/percent").asDouble());
    assertEquals(0.0, s.at("/honeypot/rate").asDouble());
  }

  @Test
  void kappaOverHttpMatchesAHandComputedExample() {
    String p = project("k0", "a", "k1", "b", "k2", "c", "k3", "d");
    admin.patch("/api/v1/projects/" + p + "/quality-settings", Api.object().set("consensus", Api.object().put("labelers", 2).put("percent", 100)));
    String[] a = member(p, "LABELER");
    String[] b = member(p, "LABELER");
    String[] byA = {"SPORT", "SPORT", "TECH", "TECH"};
    String[] byB = {"SPORT", "TECH", "TECH", "TECH"};
    for (int i = 0; i < 4; i++) {
      assertEquals(201, admin.as(a[1]).post("/api/v1/projects/" + p + "/labels", answer("k" + i, byA[i])).status());
      assertEquals(201, admin.as(b[1]).post("/api/v1/projects/" + p + "/labels", answer("k" + i, byB[i])).status());
    }
    JsonNode kappa = admin.get("/api/v1/projects/" + p + "/quality/kappa").body().path("items").path(0);
    assertEquals("JOB_0", kappa.path("jobId").asText());
    assertEquals(0.5, kappa.path("cohen").asDouble(), 1e-9);
    assertEquals(7.0 / 15, kappa.path("fleiss").asDouble(), 1e-9);

    JsonNode labelers = admin.get("/api/v1/projects/" + p + "/quality/labelers").body().path("items");
    assertEquals(2, labelers.size());
    assertEquals(0.75, labelers.path(0).path("agreement").asDouble(), 1e-9);
    assertEquals(2.0, labelers.path(0).path("medianSecondsPerLabel").asDouble(), 1e-9);

    JsonNode low = admin.get("/api/v1/projects/" + p + "/quality/assets?consensusMarkLt=0.5").body().path("items");
    assertEquals(1, low.size());
    assertEquals("k1", low.path(0).path("externalId").asText());
    assertEquals("TO_REVIEW", low.path(0).path("status").asText()); // below the default threshold 0.5
    assertEquals(403, admin.as(a[1]).get("/api/v1/projects/" + p + "/quality/labelers").status());
  }

  @Test
  void sendBackNeedsAReviewerAndReachesTheLabeler() {
    String p = project("s0", "one", "s1", "two");
    String[] labeler = member(p, "LABELER");
    String[] reviewer = member(p, "REVIEWER");
    JsonNode served = admin.as(labeler[1]).get("/api/v1/projects/" + p + "/queue/next").body();
    String sent = served.path("id").asText();
    assertEquals(201, admin.as(labeler[1]).post("/api/v1/projects/" + p + "/labels", answer(served.path("externalId").asText(), "SPORT")).status());
    String path = "/api/v1/projects/" + p + "/assets/" + sent + "/send-back";
    assertEquals(403, admin.as(labeler[1]).post(path, Api.object().put("comment", "mine")).status());
    assertEquals(400, admin.as(reviewer[1]).post(path, Api.object()).status());
    Response r = admin.as(reviewer[1]).post(path, Api.object().put("comment", "it is tech"));
    assertEquals(201, r.status(), r.text());
    assertEquals(labeler[0], r.body().path("toUserId").asText());
    assertEquals(sent, admin.as(labeler[1]).get("/api/v1/projects/" + p + "/queue/next").body().path("id").asText());
    JsonNode comments = admin.as(labeler[1]).get("/api/v1/projects/" + p + "/assets/" + sent + "/comments").body().path("items");
    assertEquals("it is tech", comments.path(0).path("comment").asText());
  }

  @Test
  void suspectsFlagDeliberatelyWrongLabels() {
    String[] sport = {"goal", "match", "team", "league", "coach", "striker", "penalty", "stadium"};
    String[] tech = {"software", "chip", "computer", "code", "server", "laptop", "robot", "internet"};
    ArrayNode assets = Api.array();
    ArrayNode labels = Api.array();
    for (int i = 0; i < 60; i++) {
      boolean isSport = i % 2 == 0;
      String[] words = isSport ? sport : tech;
      String text = words[i % 8] + " " + words[(i / 2 + 3) % 8] + " " + words[(i / 3 + 5) % 8] + " news " + i;
      assets.addObject().put("externalId", "t" + i).put("content", text);
      boolean wrong = i == 10 || i == 21;
      labels.add(answer("t" + i, isSport ^ wrong ? "SPORT" : "TECH"));
    }
    String p = labeledProject(assets, labels);

    JsonNode s = admin.get("/api/v1/projects/" + p + "/quality/suspects").body();
    assertEquals(60, s.path("labeled").asInt());
    Set<String> flagged = new HashSet<>();
    s.path("items").forEach(i -> flagged.add(i.path("externalId").asText()));
    assertTrue(flagged.contains("t10") && flagged.contains("t21"), "flagged " + flagged);
    Response moved = admin.post("/api/v1/projects/" + p + "/quality/suspects/to-review",
        Api.object().set("externalIds", Api.array().add("t10").add("t21")));
    assertEquals(200, moved.status(), moved.text());
    assertEquals(2, moved.body().path("moved").asInt(), moved.text());
  }

  @Test
  void suspectsOfATableComeFromItsColumnsNotTheTextOfItsRows() {
    // one numeric column decides the class; its digits differ on every row, so the rows' words alone tell nothing
    Random random = new Random(5);
    StringBuilder csv = new StringBuilder("id,acidity,label\n");
    for (int i = 0; i < 60; i++) {
      boolean low = i % 2 == 0;
      boolean wrong = i == 10 || i == 21;
      String acidity = String.format(Locale.ROOT, "%.6f", (low ? 0.1 : 0.8) + random.nextDouble() * 0.1);
      csv.append('r').append(i).append(',').append(acidity).append(',').append(low ^ wrong ? "SPORT" : "TECH").append('\n');
    }
    Response r = admin.post("/api/v1/projects", Api.object().put("title", "table suspects").put("inputType", "TABULAR")
        .set("jsonInterface", Api.classificationInterface("SPORT", "TECH")));
    String p = r.body().path("id").asText();
    Response imported = admin.upload("/api/v1/projects/" + p + "/assets", "rows.csv", csv.toString(), Map.of("idColumn", "id", "labelColumn", "label"));
    assertEquals(201, imported.status(), imported.text());

    JsonNode s = admin.get("/api/v1/projects/" + p + "/quality/suspects").body();
    assertEquals(60, s.path("labeled").asInt(), s.toString());
    Set<String> flagged = new HashSet<>();
    s.path("items").forEach(i -> flagged.add(i.path("externalId").asText()));
    assertEquals(Set.of("r10", "r21"), flagged);
    assertEquals(58 / 60.0, s.path("outOfFoldAccuracy").asDouble(), 1e-9, "the fold models contradict only the two wrong labels");
  }

  @Test
  void noSuspectIsListedWhileTheFoldModelsHaveLearnedNothing() {
    // labels that no word predicts: whatever the fold models say against one of them is chance, not evidence
    Random random = new Random(8);
    ArrayNode assets = Api.array();
    ArrayNode labels = Api.array();
    for (int i = 0; i < 20; i++) {
      assets.addObject().put("externalId", "n" + i).put("content", "note " + Integer.toString(random.nextInt(1_000_000), 36) + " item" + i);
      labels.add(answer("n" + i, random.nextBoolean() ? "SPORT" : "TECH"));
    }
    String p = labeledProject(assets, labels);

    JsonNode s = admin.get("/api/v1/projects/" + p + "/quality/suspects").body();
    assertEquals(20, s.path("labeled").asInt());
    assertEquals(0, s.path("items").size(), s.toString());
    assertTrue(s.path("withheld").asText().contains("no more often than answering the most common class"), s.toString());
    assertEquals(0, admin.post("/api/v1/projects/" + p + "/quality/suspects/to-review", Api.object()).body().path("moved").asInt());
  }
}
