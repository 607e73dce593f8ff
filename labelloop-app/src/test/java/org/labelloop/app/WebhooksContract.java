package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.app.testing.HookReceiver;
import org.labelloop.app.testing.HookReceiver.Hook;
import org.labelloop.core.webhook.WebhookSignature;

/** Webhooks over real HTTP: a receiver on loopback, the server's outbox and dispatcher; subclasses pick the database. */
abstract class WebhooksContract extends ServerContract {
  private static final AtomicInteger USERS = new AtomicInteger();
  HookReceiver receiver;

  @BeforeEach
  void receiver() throws Exception {
    receiver = new HookReceiver();
  }

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  String project(String... externalIds) {
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "hooks").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("A", "B")));
    assertEquals(201, p.status(), p.text());
    String id = p.body().path("id").asText();
    assertEquals(200, admin.patch("/api/v1/projects/" + id + "/learning", Api.object().put("enabled", false)).status());
    if (externalIds.length > 0) {
      ArrayNode assets = Api.array();
      for (String e : externalIds) assets.addObject().put("externalId", e).put("content", "text of " + e);
      assertEquals(201, admin.post("/api/v1/projects/" + id + "/assets", assets).status());
    }
    return id;
  }

  /** Registers a webhook on the loopback receiver (allowed by the server admin); returns the created JSON. */
  JsonNode hook(String project, String... events) {
    ArrayNode names = Api.array();
    for (String e : events) names.add(e);
    Response r = admin.post("/api/v1/projects/" + project + "/webhooks", Api.object().put("url", receiver.url())
        .put("secret", "s3cret").put("allowPrivate", true).set("events", names));
    assertEquals(201, r.status(), r.text());
    return r.body();
  }

  static ObjectNode label(String externalId, String type, String category) {
    return (ObjectNode) Api.object().put("assetExternalId", externalId).put("labelType", type)
        .set("jsonResponse", Api.object().set("JOB_0", Api.object().set("categories", Api.array().add(Api.object().put("name", category)))));
  }

  @Test
  void deliversSignedEventsForImportsLabelsStatusesAndReviews() throws Exception {
    String p = project();
    JsonNode created = hook(p, "LABEL_CREATED", "ASSET_STATUS_CHANGED", "REVIEW_DONE", "IMPORT_FINISHED");
    assertEquals("s3cret", created.path("secret").asText(), "the secret is shown once, at creation");
    ArrayNode refused = Api.array();
    refused.addObject().put("externalId", "x0").put("content", " ");
    assertEquals(400, admin.post("/api/v1/projects/" + p + "/assets", refused).status(), "a refused import sends no event");
    ArrayNode assets = Api.array();
    assets.addObject().put("externalId", "x1").put("content", "hello");
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/assets", assets).status());
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", label("x1", "DEFAULT", "A")).status());
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", label("x1", "REVIEW", "B")).status());

    List<Hook> hooks = receiver.await(h -> true, 6, 5_000);
    assertEquals(List.of("ASSET_STATUS_CHANGED", "ASSET_STATUS_CHANGED", "IMPORT_FINISHED", "LABEL_CREATED", "LABEL_CREATED", "REVIEW_DONE"),
        hooks.stream().map(Hook::event).sorted().toList(), "every event within 5 s");
    for (Hook h : hooks) {
      assertTrue(WebhookSignature.verify("s3cret", h.headers().get("x-labelloop-signature"), h.raw()), "signed: " + h.headers());
      assertEquals(h.body().path("id").asText(), h.headers().get("x-labelloop-event-id"));
      assertEquals(h.event(), h.headers().get("x-labelloop-event"));
      assertEquals(p, h.body().path("projectId").asText());
    }
    JsonNode imported = only(hooks, "IMPORT_FINISHED").path("data");
    assertEquals(1, imported.path("imported").asInt());
    Set<String> moves = hooks.stream().filter(h -> h.event().equals("ASSET_STATUS_CHANGED"))
        .map(h -> h.body().path("data").path("from").asText() + ">" + h.body().path("data").path("to").asText()).collect(Collectors.toSet());
    assertEquals(Set.of("TODO>LABELED", "LABELED>REVIEWED"), moves);
    JsonNode review = only(hooks, "REVIEW_DONE").path("data");
    assertEquals("x1", review.path("externalId").asText());
    assertEquals("B", review.path("jsonResponse").path("JOB_0").path("categories").path(0).path("name").asText());

    String deliveries = "/api/v1/webhooks/" + created.path("id").asText() + "/deliveries";
    for (int i = 0; i < 50 && admin.get(deliveries).text().contains("PENDING"); i++) {
      Thread.sleep(100); // each outcome is recorded just after its receiver answered
    }
    Response log = admin.get(deliveries);
    assertEquals(200, log.status(), log.text());
    assertEquals(6, log.body().path("items").size());
    for (JsonNode d : log.body().path("items")) {
      assertEquals("DELIVERED", d.path("status").asText());
      assertEquals(200, d.path("responseStatus").asInt());
      assertEquals(1, d.path("attempts").asInt());
    }
    assertFalse(admin.get("/api/v1/projects/" + p + "/webhooks").text().contains("s3cret"), "the secret is never listed");
  }

  @Test
  void retriesAFailedDeliveryWithTheSameEventId() throws Exception {
    String p = project("r1");
    JsonNode created = hook(p, "LABEL_CREATED");
    receiver.failNext(1);
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", label("r1", "DEFAULT", "A")).status());
    List<Hook> hooks = receiver.await(h -> true, 1, 20_000);
    assertEquals(1, hooks.size(), "delivered on the second attempt, 5 s after the first");
    assertEquals("2", hooks.getFirst().headers().get("x-labelloop-attempt"));
    String deliveries = "/api/v1/webhooks/" + created.path("id").asText() + "/deliveries";
    for (int i = 0; i < 50 && admin.get(deliveries).text().contains("PENDING"); i++) {
      Thread.sleep(100); // the outcome is recorded just after the receiver answered
    }
    JsonNode d = admin.get(deliveries).body().path("items").path(0);
    assertEquals("DELIVERED", d.path("status").asText());
    assertEquals(2, d.path("attempts").asInt());
    assertEquals(hooks.getFirst().body().path("id").asText(), d.path("eventId").asText());
  }

  @Test
  void onlySubscribedEventsAreSent() throws Exception {
    String p = project("s1", "s2");
    hook(p, "REVIEW_DONE");
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", label("s1", "DEFAULT", "A")).status());
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", label("s2", "REVIEW", "A")).status());
    List<Hook> hooks = receiver.await(h -> true, 1, 5_000);
    Thread.sleep(1_500); // nothing else may follow
    assertEquals(List.of("REVIEW_DONE"), receiver.received().stream().map(Hook::event).toList(), hooks.toString());
  }

  @Test
  void privateTargetsNeedAServerAdminsAllowPrivate() {
    String p = project();
    ObjectNode body = (ObjectNode) Api.object().put("url", receiver.url()).set("events", Api.array().add("LABEL_CREATED"));
    Response refused = admin.post("/api/v1/projects/" + p + "/webhooks", body);
    assertEquals(400, refused.status(), refused.text());
    assertTrue(refused.text().contains("allowPrivate"), refused.text());
    for (String url : new String[] {"http://169.254.169.254/latest/meta-data", "http://10.0.0.1/x", "http://[::1]/x", "ftp://example.org/"}) {
      assertEquals(400, admin.post("/api/v1/projects/" + p + "/webhooks", body.deepCopy().put("url", url)).status(), url);
    }
    String[] projectAdmin = newUser();
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/members", Api.object().put("userId", projectAdmin[0]).put("role", "ADMIN")).status());
    Response notServerAdmin = admin.as(projectAdmin[1]).post("/api/v1/projects/" + p + "/webhooks", body.deepCopy().put("allowPrivate", true));
    assertEquals(403, notServerAdmin.status(), notServerAdmin.text());
    Response unknownEvent = admin.post("/api/v1/projects/" + p + "/webhooks",
        body.deepCopy().put("allowPrivate", true).set("events", Api.array().add("LABEL_DELETED")));
    assertEquals(400, unknownEvent.status());
    assertTrue(unknownEvent.text().contains("LABEL_DELETED"), unknownEvent.text());
  }

  @Test
  void onlyProjectAdminsSeeOrDeleteWebhooks() {
    String p = project();
    String id = hook(p, "LABEL_CREATED").path("id").asText();
    String[] outsider = newUser();
    Api other = admin.as(outsider[1]);
    assertEquals(404, other.get("/api/v1/projects/" + p + "/webhooks").status());
    assertEquals(404, other.get("/api/v1/webhooks/" + id + "/deliveries").status());
    assertEquals(404, other.delete("/api/v1/webhooks/" + id).status());
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/members", Api.object().put("userId", outsider[0]).put("role", "LABELER")).status());
    assertEquals(403, other.get("/api/v1/projects/" + p + "/webhooks").status());
    assertEquals(404, other.delete("/api/v1/webhooks/" + id).status(), "a labeler cannot tell it exists");
    assertEquals(204, admin.delete("/api/v1/webhooks/" + id).status());
    assertEquals(404, admin.get("/api/v1/webhooks/" + id + "/deliveries").status());
    assertEquals(0, admin.get("/api/v1/projects/" + p + "/webhooks").body().path("items").size());
  }

  @Test
  void modelTrainedIsSentWhenANewModelIsPublished() throws Exception {
    String[] ids = new String[12];
    for (int i = 0; i < ids.length; i++) ids[i] = "m" + i;
    String p = project(ids);
    hook(p, "MODEL_TRAINED");
    assertEquals(200, admin.patch("/api/v1/projects/" + p + "/learning", Api.object().put("enabled", true).put("timeBudgetSeconds", 1)).status());
    ArrayNode labels = Api.array();
    for (int i = 0; i < 10; i++) labels.add(label(ids[i], "DEFAULT", i % 2 == 0 ? "A" : "B"));
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", labels).status());
    List<Hook> hooks = receiver.await(h -> true, 1, 120_000);
    assertEquals(1, hooks.size(), "a model within 2 minutes");
    JsonNode data = hooks.getFirst().body().path("data");
    assertEquals("JOB_0", data.path("jobId").asText());
    assertEquals(10, data.path("labelsUsed").asInt());
    assertEquals(2, data.path("predictions").asInt());
    assertNotNull(data.path("modelVersion").textValue());
  }

  private static JsonNode only(List<Hook> hooks, String event) {
    List<Hook> found = hooks.stream().filter(h -> h.event().equals(event)).toList();
    assertEquals(1, found.size(), event);
    return found.getFirst().body();
  }

  String[] newUser() {
    String email = "hook" + USERS.incrementAndGet() + "-" + System.nanoTime() + "@example.org";
    Response u = admin.post("/api/v1/users", Api.object().put("email", email).put("name", "H").put("password", "a long enough password"));
    assertEquals(201, u.status(), u.text());
    String id = u.body().path("id").asText();
    Response k = admin.post("/api/v1/users/" + id + "/api-keys", Api.object().put("name", "t"));
    return new String[] {id, k.body().path("key").asText()};
  }
}
