package org.labelloop.core.modelserver;

import org.labelloop.core.io.LabelStudioResults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.labelloop.core.labelstudio.LabelConfig;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.outbound.Targets;
import org.labelloop.core.project.Project;

/**
 * Label Studio's ML-backend calls, as Label Studio makes them (GET /health, POST /setup, /predict, /webhook or
 * /train), each tried up to three times with a growing pause (0.5 s, 1 s) on a failure the transport reports.
 */
final class ModelServerClient {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int ATTEMPTS = 3;

  private final ModelServerTransport transport;

  ModelServerClient(ModelServerTransport transport) {
    this.transport = transport;
  }

  JsonNode health(String url, boolean allowPrivate) throws IOException {
    return call(url, "health", allowPrivate, null);
  }

  /** Sends the project's labeling config; returns the model version the server names, or null. */
  String setup(String url, boolean allowPrivate, Project p) throws IOException {
    ObjectNode body = JSON.objectNode().put("project", uid(p)).put("schema", LabelConfig.toXml(p.inputType(), p.jsonInterface()))
        .put("hostname", "").put("access_token", "");
    return text(call(url, "setup", allowPrivate, body).get("model_version"));
  }

  /** The server's predictions for these assets, one per task in order ({@code results}, or a bare array from old servers). */
  JsonNode predict(String url, boolean allowPrivate, Project p, List<AssetText> assets) throws IOException {
    ObjectNode body = JSON.objectNode();
    ArrayNode tasks = body.putArray("tasks");
    String key = LabelStudioResults.dataKey(p.inputType());
    for (AssetText a : assets) {
      ObjectNode t = tasks.addObject();
      t.put("id", Long.parseLong(a.id()));
      t.putObject("data").put(key, a.content());
    }
    body.put("project", uid(p)).put("label_config", LabelConfig.toXml(p.inputType(), p.jsonInterface()));
    body.putObject("params").putNull("login").putNull("password").putNull("context");
    JsonNode answer = call(url, "predict", allowPrivate, body);
    JsonNode results = answer.isArray() ? answer : answer.path("results");
    if (!results.isArray() || results.size() != assets.size()) {
      throw new IOException("/predict answered " + (results.isArray() ? results.size() + " predictions" : "no results") + " for "
          + assets.size() + " tasks");
    }
    return results;
  }

  /** Asks the server to train: the START_TRAINING webhook of newer servers, else the older /train. */
  void train(String url, boolean allowPrivate, Project p) throws IOException {
    ObjectNode project = JSON.objectNode().put("id", p.id()).put("label_config", LabelConfig.toXml(p.inputType(), p.jsonInterface()));
    try {
      call(url, "webhook", allowPrivate, JSON.objectNode().put("action", "START_TRAINING").set("project", project));
    } catch (IOException webhookMissing) {
      call(url, "train", allowPrivate, JSON.objectNode().put("project", uid(p)).put("label_config", project.get("label_config").asText())
          .set("annotations", JSON.arrayNode()));
    }
  }

  private JsonNode call(String base, String path, boolean allowPrivate, JsonNode body) throws IOException {
    URI url = Targets.parse(base.endsWith("/") ? base + path : base + "/" + path);
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Targets.requirePublic(url, allowPrivate); // every attempt: DNS may have changed
      try {
        return body == null ? transport.get(url) : transport.post(url, body);
      } catch (IOException e) {
        last = e;
        if (attempt < ATTEMPTS) pause(500L << (attempt - 1));
      }
    }
    throw new IOException(path + ": " + last.getMessage(), last);
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Label Studio's project id: "id.creation-epoch-seconds". */
  private static String uid(Project p) {
    return p.id() + "." + p.createdAt().getEpochSecond();
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
