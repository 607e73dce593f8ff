package org.labelloop.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small model server on loopback speaking Label Studio's ML-backend protocol: it calls a text SPAM (score 0.9)
 * when it has a spammy word, else HAM (0.6), names itself "stub-N" (N grows with each START_TRAINING), records what
 * it was sent, and can answer 503 for a while.
 */
public final class StubModelServer implements AutoCloseable {
  private static final List<String> SPAMMY = List.of("win", "cash", "prize", "free");
  private final HttpServer server;
  private final AtomicInteger version = new AtomicInteger(1);
  private final AtomicInteger failing = new AtomicInteger();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

  public StubModelServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Answers the next {@code n} requests with 503. */
  public void failNext(int n) {
    failing.set(n);
  }

  /** "METHOD /path" of every call received, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  public List<JsonNode> bodies() {
    return List.copyOf(bodies);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex; InputStream in = ex.getRequestBody()) {
      byte[] raw = in.readAllBytes();
      String path = ex.getRequestURI().getPath();
      calls.add(ex.getRequestMethod() + " " + path);
      JsonNode body = raw.length == 0 ? Api.object() : Api.JSON.readTree(raw);
      bodies.add(body);
      if (failing.getAndDecrement() > 0) {
        send(ex, 503, Api.object().put("error", "warming up"));
        return;
      }
      switch (path) {
        case "/health" -> send(ex, 200, Api.object().put("status", "UP").put("model_class", "Stub"));
        case "/setup" -> send(ex, 200, Api.object().put("model_version", "stub-" + version.get()));
        case "/predict" -> send(ex, 200, predict(body));
        case "/webhook" -> {
          if ("START_TRAINING".equals(body.path("action").asText())) version.incrementAndGet();
          send(ex, 201, Api.object());
        }
        default -> send(ex, 404, Api.object().put("error", "no " + path));
      }
    }
  }

  private ObjectNode predict(JsonNode body) {
    ObjectNode out = Api.object();
    ArrayNode results = out.putArray("results");
    for (JsonNode task : body.path("tasks")) {
      String text = task.path("data").path("text").asText().toLowerCase(Locale.ROOT);
      boolean spam = SPAMMY.stream().anyMatch(text::contains);
      ObjectNode p = results.addObject();
      p.putArray("result").addObject().put("from_name", "JOB_0").put("to_name", "text").put("type", "choices")
          .putObject("value").putArray("choices").add(spam ? "SPAM" : "HAM");
      p.put("score", spam ? 0.9 : 0.6).put("model_version", "stub-" + version.get());
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
