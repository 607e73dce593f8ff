package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/**
 * Labelloop as a Label Studio ML backend, driven with the request bodies Label Studio sends (test resources
 * {@code labelstudio/}): setup checks the labeling config, predict imports unseen tasks and answers with the model's
 * predictions and scores, annotations arriving by webhook train the model, the older /train adds labels once.
 */
abstract class LabelStudioBackendContract extends ServerContract {
  private static final String[] SPAM = {"win cash prize now", "free prize claim now", "cash bonus win today", "claim free cash",
      "urgent prize waiting", "win win free cash"};
  private static final String[] HAM = {"see you at lunch", "meeting moved to noon", "call me after work", "lunch at noon today",
      "see you after the meeting", "call mum after lunch"};

  private String project() {
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "ls").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPAM", "HAM")));
    assertEquals(201, p.status(), p.text());
    String id = p.body().path("id").asText();
    admin.patch("/api/v1/projects/" + id + "/learning", Api.object().put("timeBudgetSeconds", 1));
    return id;
  }

  private static String recorded(String name) {
    try (InputStream in = LabelStudioBackendContract.class.getResourceAsStream("/labelstudio/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String task(int id, String text) {
    return recorded("task.json").replace("{{ID}}", Integer.toString(id)).replace("{{TEXT}}", text);
  }

  private static String annotation(int id, String text, String choice, String extraResult) {
    return recorded("webhook-annotation-created.json").replace("{{ID}}", Integer.toString(id)).replace("{{TEXT}}", text)
        .replace("{{ANNOTATION}}", Integer.toString(1000 + id)).replace("{{CHOICE}}", choice).replace("{{EXTRA_RESULT}}", extraResult);
  }

  private static String base(String project) {
    return "/api/v1/projects/" + project + "/ls-backend";
  }

  @Test
  void setupAcceptsAFittingConfigAndNamesWhatDoesNotFit() {
    String p = project();
    Response ok = admin.post(base(p) + "/setup", recorded("setup.json"));
    assertEquals(200, ok.status(), ok.text());
    assertTrue(ok.body().has("model_version"));
    String foreign = recorded("setup.json").replace("name=\\\"JOB_0\\\"", "name=\\\"sentiment\\\"").replace("value=\\\"HAM\\\"", "value=\\\"MEH\\\"");
    Response bad = admin.post(base(p) + "/setup", foreign);
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.text().contains("sentiment"), bad.text());
    Response config = admin.get(base(p) + "/label-config");
    assertEquals(200, config.status());
    assertTrue(config.text().contains("<Choices name=\"JOB_0\" toName=\"text\" choice=\"single\" required=\"true\">"), config.text());
    assertTrue(config.text().contains("<Label value=\"Person\" alias=\"PER\"/>"), config.text());
    Response again = admin.post(base(p) + "/setup", Api.object().put("schema", config.text()));
    assertEquals(200, again.status(), "the config Labelloop gives fits: " + again.text());
  }

  @Test
  void basicAuthWithAnApiKeyAsPasswordIsAccepted() throws Exception {
    String p = project();
    assertEquals(200, basic(p, "label-studio", app.adminApiKey()).statusCode());
    assertEquals(401, basic(p, "label-studio", "ll_wrong").statusCode());
    assertEquals(401, basic(p, "no-password-here", null).statusCode());
  }

  private HttpResponse<String> basic(String project, String user, String password) throws Exception {
    String credentials = password == null ? user : user + ":" + password;
    HttpRequest r = HttpRequest.newBuilder(URI.create(admin.base() + base(project) + "/health"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void annotationsTrainTheModelAndPredictionsComeBackScored() throws Exception {
    String p = project();
    StringJoiner tasks = new StringJoiner(",");
    for (int i = 0; i < 14; i++) tasks.add(task(i + 1, text(i)));
    String predict = recorded("predict.json").replace("{{TASKS}}", tasks.toString());
    Response before = admin.post(base(p) + "/predict", predict);
    assertEquals(200, before.status(), before.text());
    assertEquals(14, before.body().path("results").size(), "one prediction per task, in order");
    assertEquals(0, before.body().path("results").path(0).path("result").size(), "no model yet");
    assertEquals(14, admin.get("/api/v1/projects/" + p).body().path("assetCount").asInt(), "unseen tasks imported");

    for (int i = 0; i < 10; i++) {
      String extra = i == 0 ? ", {\"value\": {\"start\": 4, \"end\": 8, \"text\": \"cash\", \"labels\": [\"Person\"]}, \"id\": \"n1\","
          + " \"from_name\": \"NER\", \"to_name\": \"text\", \"type\": \"labels\", \"origin\": \"manual\"}" : "";
      Response hook = admin.post(base(p) + "/webhook", annotation(i + 1, text(i), i % 2 == 0 ? "SPAM" : "HAM", extra));
      assertEquals(201, hook.status(), hook.text());
      assertEquals("ok", hook.body().path("status").asText());
    }
    JsonNode first = admin.get("/api/v1/projects/" + p + "/labels?type=DEFAULT&limit=1").body().path("items").path(0);
    assertEquals("SPAM", first.path("jsonResponse").path("JOB_0").path("categories").path(0).path("name").asText());
    JsonNode span = first.path("jsonResponse").path("NER").path("annotations").path(0);
    assertEquals("PER", span.path("categories").path(0).path("name").asText(), "the label's alias is the category id");
    assertEquals(4, span.path("beginOffset").asInt());
    assertEquals("cash", span.path("content").asText());
    assertEquals(4.2, first.path("secondsToLabel").asDouble(), 1e-9);

    JsonNode model = awaitModel(p);
    Response after = admin.post(base(p) + "/predict", predict);
    assertEquals(200, after.status(), after.text());
    JsonNode r = after.body().path("results").path(13); // an unlabeled task: "call mum after lunch"
    JsonNode choice = r.path("result").path(0);
    assertEquals("JOB_0", choice.path("from_name").asText());
    assertEquals("choices", choice.path("type").asText());
    assertTrue(List.of("SPAM", "HAM").contains(choice.path("value").path("choices").path(0).asText()), choice.toString());
    double score = r.path("score").asDouble(-1);
    assertTrue(score > 0 && score <= 1, "score " + score);
    assertEquals(model.path("modelVersion").asText(), r.path("model_version").asText());
    assertEquals(model.path("modelVersion").asText(), admin.get(base(p) + "/versions").body().path("versions").path(0).asText());
  }

  @Test
  void olderTrainCallAddsEachTasksNewestAnnotationOnce() {
    String p = project();
    ArrayNode annotated = Api.array();
    for (int i = 0; i < 4; i++) {
      ObjectNode t = (ObjectNode) read(task(100 + i, text(i)));
      t.putArray("annotations").add(read(annotation(100 + i, text(i), i % 2 == 0 ? "SPAM" : "HAM", "")).path("annotation"));
      annotated.add(t);
    }
    String body = recorded("train.json").replace("{{TASKS_WITH_ANNOTATIONS}}", annotated.toString().substring(1, annotated.toString().length() - 1));
    Response first = admin.post(base(p) + "/train", body);
    assertEquals(201, first.status(), first.text());
    assertEquals(4, first.body().path("labelsAdded").asInt());
    assertNotNull(first.body().path("trainingJobId").textValue());
    Response second = admin.post(base(p) + "/train", body);
    assertEquals(0, second.body().path("labelsAdded").asInt(), "a repeated call adds nothing");
    assertEquals(4, admin.get("/api/v1/projects/" + p + "/labels?type=DEFAULT").body().path("items").size());
    Response start = admin.post(base(p) + "/webhook", recorded("webhook-start-training.json"));
    assertEquals(201, start.status(), start.text());
    assertNotNull(start.body().path("trainingJobId").textValue());
  }

  @Test
  void anAnnotationWithAnUnknownChoiceIsRefusedAndStoresNothing() {
    String p = project();
    admin.post(base(p) + "/predict", recorded("predict.json").replace("{{TASKS}}", task(1, "hello there")));
    Response bad = admin.post(base(p) + "/webhook", annotation(1, "hello there", "MAYBE", ""));
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.text().contains("MAYBE"), bad.text());
    assertEquals(0, admin.get("/api/v1/projects/" + p + "/labels").body().path("items").size());
  }

  private static String text(int i) {
    return i % 2 == 0 ? SPAM[(i / 2) % SPAM.length] : HAM[(i / 2) % HAM.length];
  }

  private static JsonNode read(String json) {
    try {
      return Api.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode awaitModel(String project) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode models = admin.get("/api/v1/projects/" + project + "/models").body().path("items");
      if (models.size() > 0) return models.path(0);
      Thread.sleep(200);
    }
    throw new AssertionError("no model 120 s after 10 labels");
  }
}
