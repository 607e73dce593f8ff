package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.app.testing.HookReceiver;

/**
 * Power-cut durability: the server runs in a child JVM that is killed with SIGKILL ({@code destroyForcibly}) in the
 * middle of work, then restarted on the same SQLite file.
 */
class CrashIT {
  @TempDir Path data;
  private Process server;
  private int port;

  @AfterEach
  void kill() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  private Api start() throws Exception {
    if (port == 0) {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
    }
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    server = new ProcessBuilder(java.toString(), "-cp", cp, "org.labelloop.app.Main", "serve",
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString(), "--no-embeddings")
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("server.log").toFile())
        .start();
    Api anonymous = new Api("http://127.0.0.1:" + port, null);
    for (int i = 0; i < 300; i++) {
      try {
        if (anonymous.get("/api/v1/health").status() == 200) {
          return anonymous.as(Files.readString(data.resolve("admin-api-key")).trim());
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      assertTrue(server.isAlive(), () -> "server died: " + log());
      Thread.sleep(100);
    }
    throw new AssertionError("server did not start: " + log());
  }

  private void crash() throws InterruptedException {
    server.destroyForcibly().waitFor();
  }

  private String log() {
    try {
      return Files.readString(data.resolve("server.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String newProject(Api api) {
    Response r = api.post("/api/v1/projects", Api.object().put("title", "crash").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("A", "B")));
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }

  @Test
  void everyAcknowledgedLabelSurvivesSigkill() throws Exception {
    Api api = start();
    String project = newProject(api);
    ArrayNode assets = Api.array();
    for (int i = 0; i < 3000; i++) {
      assets.addObject().put("externalId", "c" + i).put("content", "crash text " + i);
    }
    assertEquals(201, api.post("/api/v1/projects/" + project + "/assets", assets).status());
    List<String> acknowledged = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 3000 && !stop.get(); i++) {
        String body = "{\"assetExternalId\":\"c" + i + "\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"B\"}]}}}";
        try {
          if (api.post("/api/v1/projects/" + project + "/labels", body).status() == 201) {
            synchronized (acknowledged) {
              acknowledged.add("c" + i);
            }
          }
        } catch (RuntimeException connectionLost) {
          return;
        }
      }
    });
    while (true) {
      synchronized (acknowledged) {
        if (acknowledged.size() >= 50) {
          break;
        }
      }
      Thread.sleep(20);
    }
    crash();
    stop.set(true);
    writer.join();

    Api restarted = start();
    Set<String> labeled = new HashSet<>();
    for (String line : restarted.get("/api/v1/projects/" + project + "/export?format=jsonl").text().split("\n")) {
      JsonNode asset = Api.JSON.readTree(line);
      if (!asset.path("labels").isEmpty()) {
        labeled.add(asset.path("externalId").asText());
      }
    }
    List<String> lost = acknowledged.stream().filter(id -> !labeled.contains(id)).toList();
    assertEquals(List.of(), lost, "acknowledged labels lost after SIGKILL");
  }

  @Test
  void importKilledMidwayLeavesAllOrNothing() throws Exception {
    Api api = start();
    String project = newProject(api);
    int rows = 200_000;
    StringBuilder csv = new StringBuilder(rows * 40).append("id,text\n");
    for (int i = 0; i < rows; i++) {
      csv.append('k').append(i).append(",some imported text number ").append(i).append('\n');
    }
    CompletableFuture<Integer> upload = CompletableFuture.supplyAsync(() -> {
      try {
        return api.upload("/api/v1/projects/" + project + "/assets", "big.csv", csv.toString(), Map.of("idColumn", "id", "textColumn", "text")).status();
      } catch (RuntimeException connectionLost) {
        return -1;
      }
    });
    Thread.sleep(1500);
    crash();
    int status = upload.join();

    Api restarted = start();
    long count = restarted.get("/api/v1/projects/" + project).body().path("assetCount").asLong();
    assertTrue(count == 0 || count == rows, "half an import is visible: " + count + " assets (upload status " + status + ")");
    if (status == 201) {
      assertEquals(rows, count, "an acknowledged import was lost");
    }
  }

  /**
   * Events whose receiver is down sit in the outbox when the server is killed (some of them claimed by its
   * dispatcher at that moment); after a restart they all arrive, each at least once, with the event ids they were
   * created with.
   */
  @Test
  void webhookEventsPendingAtSigkillAreDeliveredAfterRestart() throws Exception {
    Api api = start();
    String project = newProject(api);
    int receiverPort;
    try (ServerSocket s = new ServerSocket(0)) {
      receiverPort = s.getLocalPort(); // nothing listens there until after the crash
    }
    Response hook = api.post("/api/v1/projects/" + project + "/webhooks", Api.object().put("url", "http://127.0.0.1:" + receiverPort + "/hook")
        .put("allowPrivate", true).set("events", Api.array().add("LABEL_CREATED")));
    assertEquals(201, hook.status(), hook.text());
    ArrayNode assets = Api.array();
    ArrayNode labels = Api.array();
    for (int i = 0; i < 50; i++) {
      assets.addObject().put("externalId", "w" + i).put("content", "webhook text " + i);
      labels.add(Api.JSON.readTree("{\"assetExternalId\":\"w" + i + "\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"A\"}]}}}"));
    }
    assertEquals(201, api.post("/api/v1/projects/" + project + "/assets", assets).status());
    assertEquals(201, api.post("/api/v1/projects/" + project + "/labels", labels).status());
    String deliveries = "/api/v1/webhooks/" + hook.body().path("id").asText() + "/deliveries?limit=1000";
    JsonNode before = api.get(deliveries).body().path("items");
    assertEquals(50, before.size());
    before.forEach(d -> assertEquals("PENDING", d.path("status").asText()));
    crash();

    try (HookReceiver receiver = new HookReceiver(receiverPort)) {
      Api restarted = start();
      // deliveries claimed by the killed server go out once its claim expires (30 s), the others when due (backoff)
      List<HookReceiver.Hook> got = receiver.await(h -> true, 50, 120_000);
      Set<String> expected = new HashSet<>();
      before.forEach(d -> expected.add(d.path("eventId").asText()));
      assertEquals(expected, got.stream().map(h -> h.body().path("id").asText()).collect(java.util.stream.Collectors.toSet()),
          "every event pending at the crash arrives after the restart");
      for (int i = 0; i < 100; i++) { // the delivery is recorded just after the receiver answered
        if (restarted.get(deliveries).text().contains("PENDING")) Thread.sleep(100); else break;
      }
      restarted.get(deliveries).body().path("items").forEach(d -> assertEquals("DELIVERED", d.path("status").asText()));
    }
  }
}
