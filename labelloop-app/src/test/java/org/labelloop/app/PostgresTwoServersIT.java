package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.store.testing.EmbeddedPostgresServer;

/**
 * Two servers on one PostgreSQL database, labelers on both at once (the short version of {@code bench/cluster.sh}):
 * no asset goes to two labelers, every acknowledged label is stored, and the second server carries on alone once the
 * first is gone.
 */
class PostgresTwoServersIT extends ServerContract {
  private static final int ASSETS = 60;
  private static final int LABELERS = 6;

  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }

  @Test
  void labelersOnTwoServersNeverShareAnAssetAndLoseNoLabel() throws Exception {
    try (LabelloopApp second = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, Files.createTempDirectory("labelloop-it-"),
        jdbcUrl, false, false), new PrintStream(new ByteArrayOutputStream()))) {
      String project = admin.post("/api/v1/projects", Api.object().put("title", "two servers").put("inputType", "TEXT")
          .set("jsonInterface", Api.textInterface("A", "B"))).body().path("id").asText();
      ArrayNode assets = Api.array();
      for (int i = 0; i < ASSETS; i++) {
        assets.addObject().put("externalId", "t" + i).put("content", "text number " + i);
      }
      assertEquals(201, admin.post("/api/v1/projects/" + project + "/assets", assets).status());
      List<String> servers = List.of(admin.base(), "http://127.0.0.1:" + second.port());
      Map<String, String> servedTo = new ConcurrentHashMap<>();
      Map<String, String> acknowledged = new ConcurrentHashMap<>();
      List<String> doubleServed = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(LABELERS);
      List<Future<?>> runs = new ArrayList<>();
      for (int c = 0; c < LABELERS; c++) {
        Api labeler = new Api(servers.get(c % 2), labeler(project, c));
        String name = "labeler " + c;
        runs.add(pool.submit(() -> {
          for (Response next = labeler.get("/api/v1/projects/" + project + "/queue/next"); next.status() == 200;
              next = labeler.get("/api/v1/projects/" + project + "/queue/next")) {
            String assetId = next.body().path("id").asText();
            if (servedTo.putIfAbsent(assetId, name) != null) {
              doubleServed.add(assetId);
            }
            Response label = labeler.post("/api/v1/projects/" + project + "/labels", Api.object().put("assetId", assetId)
                .put("labelType", "DEFAULT").set("jsonResponse", Api.JSON.readTree("{\"JOB_0\":{\"categories\":[{\"name\":\"A\"}]}}")));
            assertEquals(201, label.status(), label.text());
            acknowledged.put(assetId, name);
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
      pool.shutdown();
      assertEquals(List.of(), doubleServed, "assets served to two labelers");
      assertEquals(ASSETS, acknowledged.size(), "every asset labeled once");
      String adminKey = app.adminApiKey();
      app.close(); // the first server goes; the second answers for the whole project
      app = null;
      Api survivor = new Api(servers.get(1), adminKey);
      Response labels = survivor.get("/api/v1/projects/" + project + "/labels?type=DEFAULT&limit=1000");
      assertEquals(200, labels.status(), labels.text());
      List<String> stored = new ArrayList<>();
      for (JsonNode l : labels.body().path("items")) {
        stored.add(l.path("assetId").asText());
      }
      assertEquals(ASSETS, stored.size(), "every acknowledged label stored");
      assertEquals(acknowledged.keySet(), new HashSet<>(stored));
    }
  }

  /** A user with a key of their own and the LABELER role on the project; returns the key. */
  private String labeler(String project, int n) {
    Response user = admin.post("/api/v1/users", Api.object().put("email", "cluster" + n + "-" + System.nanoTime() + "@example.org")
        .put("name", "labeler " + n).put("password", "a long enough password"));
    String userId = user.body().path("id").asText();
    String key = admin.post("/api/v1/users/" + userId + "/api-keys", Api.object().put("name", "it")).body().path("key").asText();
    assertEquals(201, admin.post("/api/v1/projects/" + project + "/members", Api.object().put("userId", userId).put("role", "LABELER")).status());
    return key;
  }
}
