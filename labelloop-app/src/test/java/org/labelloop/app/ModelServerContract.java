package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.app.testing.StubModelServer;

/** A project asks an external model server (a stub on loopback speaking Label Studio's ML-backend protocol). */
abstract class ModelServerContract extends ServerContract {
  StubModelServer stub;

  @BeforeEach
  void stub() throws Exception {
    stub = new StubModelServer();
  }

  @AfterEach
  void closeStub() {
    stub.close();
  }

  private String project(String... texts) {
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "model server").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPAM", "HAM")));
    String id = p.body().path("id").asText();
    // the server's model only: Labelloop would train its own after 100,000 labels
    assertEquals(200, admin.patch("/api/v1/projects/" + id + "/learning", Api.object().put("minLabels", 100_000)).status());
    importTexts(id, 0, texts);
    return id;
  }

  private void importTexts(String project, int from, String... texts) {
    ArrayNode assets = Api.array();
    for (int i = 0; i < texts.length; i++) assets.addObject().put("externalId", "t" + (from + i)).put("content", texts[i]);
    assertEquals(201, admin.post("/api/v1/projects/" + project + "/assets", assets).status());
  }

  private Response connect(String project) {
    return admin.put("/api/v1/projects/" + project + "/model-server", Api.object().put("url", stub.url()).put("allowPrivate", true));
  }

  /** PREDICTION labels by externalId (category name and confidence), once {@code done} holds; fails after 30 s. */
  private Map<String, JsonNode> predictions(String project, Predicate<Map<String, JsonNode>> done) throws InterruptedException {
    Map<String, JsonNode> byExternalId = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      byExternalId.clear();
      Map<String, String> external = new HashMap<>();
      admin.get("/api/v1/projects/" + project + "/assets?limit=1000").body().path("items")
          .forEach(a -> external.put(a.path("id").asText(), a.path("externalId").asText()));
      admin.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=1000").body().path("items")
          .forEach(l -> byExternalId.put(external.get(l.path("assetId").asText()), l));
      if (done.test(byExternalId)) return byExternalId;
      Thread.sleep(100);
    }
    throw new AssertionError("predictions did not arrive: " + byExternalId + "; server state "
        + admin.get("/api/v1/projects/" + project + "/model-server").text());
  }

  @Test
  void predictionsArriveTaggedWithTheServersVersionAndAgainAfterAnImport() throws Exception {
    String p = project("win a free prize", "see you at lunch", "cash now", "meeting at noon");
    Response connected = connect(p);
    assertEquals(200, connected.status(), connected.text());
    assertEquals("stub-1", connected.body().path("modelVersion").asText());
    assertTrue(stub.calls().containsAll(java.util.List.of("GET /health", "POST /setup")), stub.calls().toString());
    String schema = stub.bodies().get(stub.calls().indexOf("POST /setup")).path("schema").asText();
    assertTrue(schema.contains("<Choices name=\"JOB_0\" toName=\"text\""), schema);

    Map<String, JsonNode> got = predictions(p, m -> m.size() == 4);
    JsonNode spam = got.get("t0");
    assertEquals("stub-1", spam.path("modelVersion").asText());
    assertEquals("SPAM", spam.path("jsonResponse").path("JOB_0").path("categories").path(0).path("name").asText());
    assertEquals(90, spam.path("jsonResponse").path("JOB_0").path("categories").path(0).path("confidence").asInt());
    assertEquals("HAM", got.get("t1").path("jsonResponse").path("JOB_0").path("categories").path(0).path("name").asText());
    JsonNode next = admin.get("/api/v1/projects/" + p + "/queue/next").body();
    assertTrue(java.util.Set.of("t1", "t3").contains(next.path("externalId").asText()), "the least confident first: " + next);

    Response label = admin.post("/api/v1/projects/" + p + "/labels", Api.object().put("assetExternalId", "t1")
        .set("jsonResponse", Api.object().set("JOB_0", Api.object().set("categories", Api.array().add(Api.object().put("name", "HAM"))))));
    assertEquals(201, label.status(), label.text());
    importTexts(p, 4, "free cash prize", "call me later");
    Map<String, JsonNode> after = predictions(p, m -> m.containsKey("t4") && m.containsKey("t5"));
    assertEquals("SPAM", after.get("t4").path("jsonResponse").path("JOB_0").path("categories").path(0).path("name").asText());
    JsonNode state = admin.get("/api/v1/projects/" + p + "/model-server").body();
    assertEquals("READY", state.path("status").asText(), state.toString());
    assertEquals(5, state.path("predictions").asInt(), "the labeled one is not asked about: " + state);
  }

  @Test
  void aServerThatIsDownShowsAnErrorIsRetriedAndLabelingGoesOn() throws Exception {
    String p = project("win cash", "hello there");
    stub.failNext(6); // /health fails its 3 tries, then the first round of /predict its 3; the next round, 5 s on, works
    Response connected = connect(p);
    assertEquals("ERROR", connected.body().path("status").asText(), connected.text());
    assertTrue(connected.body().path("lastError").asText().contains("503"), connected.text());
    Response label = admin.post("/api/v1/projects/" + p + "/labels", Api.object().put("assetExternalId", "t1")
        .set("jsonResponse", Api.JSON.readTree("{\"JOB_0\":{\"categories\":[{\"name\":\"HAM\"}]}}")));
    assertEquals(201, label.status(), "labeling does not wait for the model server");
    Map<String, JsonNode> got = predictions(p, m -> m.containsKey("t0"));
    assertEquals("SPAM", got.get("t0").path("jsonResponse").path("JOB_0").path("categories").path(0).path("name").asText());
    JsonNode state = admin.get("/api/v1/projects/" + p + "/model-server").body();
    assertEquals("READY", state.path("status").asText(), state.toString());
    assertEquals(0, state.path("failures").asInt());
  }

  @Test
  void trainingTheServerRefreshesItsPredictions() throws Exception {
    String p = project("win now", "lunch today");
    connect(p);
    predictions(p, m -> m.size() == 2);
    Response trained = admin.post("/api/v1/projects/" + p + "/model-server/train", Api.object());
    assertEquals(200, trained.status(), trained.text());
    assertTrue(stub.calls().contains("POST /webhook"), stub.calls().toString());
    Map<String, JsonNode> got = predictions(p, m -> m.size() == 2 && m.values().stream().allMatch(l -> l.path("modelVersion").asText().equals("stub-2")));
    assertEquals(2, got.size());
  }

  @Test
  void refusesPrivateTargetsMediaProjectsAndOutsiders() {
    String p = project("x");
    Response priv = admin.put("/api/v1/projects/" + p + "/model-server", Api.object().put("url", stub.url()));
    assertEquals(400, priv.status(), priv.text());
    assertEquals(404, admin.get("/api/v1/projects/" + p + "/model-server").status());
    Response media = admin.post("/api/v1/projects", Api.object().put("title", "img").put("inputType", "IMAGE")
        .set("jsonInterface", Api.classificationInterface("A", "B")));
    Response refused = admin.put("/api/v1/projects/" + media.body().path("id").asText() + "/model-server",
        Api.object().put("url", stub.url()).put("allowPrivate", true));
    assertEquals(400, refused.status(), refused.text());
    assertEquals(204, connectedThenDeleted(p));
  }

  private int connectedThenDeleted(String p) {
    assertEquals(200, connect(p).status());
    return admin.delete("/api/v1/projects/" + p + "/model-server").status();
  }
}
