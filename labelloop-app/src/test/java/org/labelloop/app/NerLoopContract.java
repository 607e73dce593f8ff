package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/**
 * Named-entity jobs in the learning loop, over HTTP: the N-th labeled sentence trains a tagger, every unlabeled
 * sentence gets PREDICTION spans of that model version, the queue serves sentences with their pre-annotation, and a
 * later human label gives the version a forward score (span F1).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NerLoopContract {
  static final String[] NAMES = {"Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Thomas", "Walker", "Wright", "Green"};
  static final String[] FILLER = {"the", "meeting", "was", "long", "and", "people", "said", "today", "after", "report"};

  Path data;
  LabelloopApp app;
  Api admin;

  /** A JDBC URL of a fresh database, or null for the default SQLite file in the data directory. */
  abstract String databaseUrl();

  @BeforeAll
  void start() throws java.io.IOException {
    data = Files.createTempDirectory("labelloop-ner-it-");
    app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, databaseUrl(), false, false),
        new PrintStream(new ByteArrayOutputStream()));
    admin = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
  }

  @AfterAll
  void stop() {
    if (app != null) app.close();
  }

  /** A seeded sentence where "Mr Name" is a person; {@code spans} receives {begin, end} of each name. */
  static String sentence(SplittableRandom r, List<int[]> spans) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < 7; k++) {
      if (b.length() > 0) b.append(' ');
      if (r.nextInt(3) == 0) {
        b.append("Mr ");
        int begin = b.length();
        b.append(NAMES[r.nextInt(NAMES.length)]);
        spans.add(new int[] {begin, b.length()});
      } else {
        b.append(FILLER[r.nextInt(FILLER.length)]);
      }
    }
    return b.toString();
  }

  static ObjectNode answer(String text, List<int[]> spans) {
    ObjectNode r = Api.object();
    ArrayNode annotations = r.putObject("NER").putArray("annotations");
    for (int[] s : spans) {
      ObjectNode a = annotations.addObject().put("beginOffset", s[0]).put("content", text.substring(s[0], s[1]));
      a.putArray("categories").addObject().put("name", "PER");
    }
    return r;
  }

  @Test
  void labelingTheNthSentenceTrainsATaggerThatPreAnnotatesTheQueue() {
    ObjectNode iface = Api.object();
    iface.putObject("jobs").putObject("NER").put("mlTask", "NAMED_ENTITIES_RECOGNITION").put("required", 1)
        .putObject("content").putObject("categories").set("PER", Api.object().put("name", "Person"));
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "ner").put("inputType", "TEXT").set("jsonInterface", iface));
    assertEquals(201, p.status(), p.text());
    String project = p.body().path("id").asText();
    assertEquals(200, admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", 2)).status());
    JsonNode settings = admin.get("/api/v1/projects/" + project + "/learning").body();
    assertEquals("margin", settings.path("strategy").asText(), settings.toString());

    SplittableRandom r = new SplittableRandom(11);
    List<String> texts = new ArrayList<>();
    List<List<int[]>> truth = new ArrayList<>();
    ArrayNode assets = Api.array();
    for (int i = 0; i < 40; i++) {
      List<int[]> spans = new ArrayList<>();
      texts.add(sentence(r, spans));
      truth.add(spans);
      assets.addObject().put("externalId", "s" + i).put("content", texts.get(i));
    }
    assertEquals(201, admin.post("/api/v1/projects/" + project + "/assets", assets).status());
    Map<String, String> ids = new HashMap<>();
    admin.get("/api/v1/projects/" + project + "/assets?limit=100").body().path("items")
        .forEach(a -> ids.put(a.path("externalId").asText(), a.path("id").asText()));

    for (int i = 0; i < 10; i++) label(project, ids.get("s" + i), answer(texts.get(i), truth.get(i)));
    JsonNode model = LearningLoopContract.await(() -> {
      JsonNode items = admin.get("/api/v1/projects/" + project + "/models").body().path("items");
      return items.size() >= 1 ? items.get(0) : null;
    }, "the first tagger");
    assertEquals("v1", model.path("modelVersion").asText());
    assertEquals("NER", model.path("jobId").asText());
    assertEquals("named-entity-recognition", model.path("card").path("task").asText(), model.toString());
    assertEquals(10, model.path("labelsUsed").asInt());

    JsonNode predictions = admin.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=100").body().path("items");
    assertEquals(30, predictions.size());
    int right = 0, total = 0;
    for (JsonNode pr : predictions) {
      assertEquals("v1", pr.path("modelVersion").asText());
      int i = Integer.parseInt(externalId(ids, pr.path("assetId").asText()).substring(1));
      for (JsonNode a : pr.path("jsonResponse").path("NER").path("annotations")) {
        int begin = a.path("beginOffset").asInt();
        assertEquals(texts.get(i).substring(begin, begin + a.path("content").asText().length()), a.path("content").asText());
        total++;
        if (truth.get(i).stream().anyMatch(s -> s[0] == begin && s[1] == begin + a.path("content").asText().length())) right++;
      }
    }
    assertTrue(total > 0 && right >= 0.8 * total, right + " of " + total + " predicted spans are right");

    Response next = admin.get("/api/v1/projects/" + project + "/queue/next");
    assertEquals(200, next.status(), next.text());
    JsonNode prediction = next.body().path("prediction");
    assertEquals("v1", prediction.path("modelVersion").asText(), next.text());
    assertTrue(prediction.path("jsonResponse").path("NER").has("annotations"), next.text());

    int served = Integer.parseInt(next.body().path("externalId").asText().substring(1));
    label(project, next.body().path("id").asText(), answer(texts.get(served), truth.get(served)));
    JsonNode point = admin.get("/api/v1/projects/" + project + "/learning-curve").body().path("items").get(0);
    assertEquals(1, point.path("forwardCount").asInt(), point.toString());
    assertTrue(point.path("forwardAccuracy").asDouble() >= 0 && point.path("forwardAccuracy").asDouble() <= 1, point.toString());
    assertNotNull(point.get("cvEntityF1"), point.toString());
  }

  void label(String project, String assetId, ObjectNode response) {
    Response r = admin.post("/api/v1/projects/" + project + "/labels",
        Api.object().put("assetId", assetId).put("labelType", "DEFAULT").set("jsonResponse", response));
    assertEquals(201, r.status(), r.text());
  }

  static String externalId(Map<String, String> ids, String assetId) {
    return ids.entrySet().stream().filter(e -> e.getValue().equals(assetId)).findFirst().orElseThrow().getKey();
  }
}
