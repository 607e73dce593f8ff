package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.store.Database;
import org.labelloop.store.testing.EmbeddedPostgresServer;

/**
 * The speed figure of issue 4 (not a test; runs only with {@code -Dbench=true}): a 10,000-asset text project (the SMS
 * spam collection, twice) with 990 labels and a settled model; then labels 991-999 one by one, and the clock runs from
 * the submit of the 1,000th label until {@code /models} shows the new version (its predictions and queue scores are
 * committed in the same transaction). Repeated for the next thresholds. Prints one line per measurement. With
 * {@code -Dbench.embeddings=true} (the default) the background embedder stores every asset's vector first.
 *
 * <p>{@code ./mvnw -o verify -pl labelloop-app -am -Dtest=none -Dit.test=LearningLoopBenchIT -Dbench=true
 * -Dbench.db=sqlite|postgresql -Dbench.budget=3 -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfailsafe.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LearningLoopBenchIT {
  @Test
  void retrainLatency() throws Exception {
    String db = System.getProperty("bench.db", "sqlite");
    int budget = Integer.getInteger("bench.budget", 3);
    boolean embeddings = Boolean.parseBoolean(System.getProperty("bench.embeddings", "true"));
    Path data = Files.createTempDirectory("labelloop-bench-");
    String url = db.equals("postgresql") ? EmbeddedPostgresServer.get().newDatabaseUrl() : null;
    try (LabelloopApp app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, url, false, embeddings),
        new PrintStream(new ByteArrayOutputStream()))) {
      Api api = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
      ObjectNode iface = Api.object();
      iface.putObject("jobs").putObject("JOB_0").put("mlTask", "CLASSIFICATION").put("required", 1).putObject("content")
          .put("input", "radio").putObject("categories").<ObjectNode>set("HAM", Api.object().put("name", "ham"))
          .set("SPAM", Api.object().put("name", "spam"));
      Response p = api.post("/api/v1/projects", Api.object().put("title", "bench").put("inputType", "TEXT").set("jsonInterface", iface));
      String project = p.body().path("id").asText();
      api.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", budget));
      Path tsv = Path.of(System.getProperty("bench.data", "../../shared/datasets/sms-spam/SMSSpamCollection.tsv"));
      if (!Files.exists(tsv)) tsv = Path.of("/work/shared/datasets/sms-spam/SMSSpamCollection.tsv");
      List<String[]> rows = Files.readAllLines(tsv).stream().filter(l -> l.contains("\t")).map(l -> l.split("\t", 2)).toList();
      Map<String, String> truth = new HashMap<>();
      ArrayNode batch = Api.array();
      for (int i = 0; i < 10_000; i++) {
        String[] r = rows.get(i % rows.size());
        String text = i < rows.size() ? r[1] : r[1] + " (copy " + (i / rows.size()) + ")";
        batch.addObject().put("externalId", "m" + i).put("content", text);
        truth.put("m" + i, r[0].toUpperCase(Locale.ROOT));
        if (batch.size() == 2000) {
          assertEquals(201, api.post("/api/v1/projects/" + project + "/assets", batch).status());
          batch = Api.array();
        }
      }
      List<String[]> assets = new ArrayList<>(); // {id, externalId}
      String cursor = null;
      do {
        Response page = api.get("/api/v1/projects/" + project + "/assets?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
        page.body().path("items").forEach(a -> assets.add(new String[] {a.path("id").asText(), a.path("externalId").asText()}));
        cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
      } while (cursor != null);
      assertEquals(10_000, assets.size());
      if (embeddings) { // the setting: embeddings already stored before the labels come
        long e0 = System.nanoTime();
        try (Database store = Database.open(url == null ? "jdbc:sqlite:" + data.resolve("labelloop.db") : url)) {
          while (store.ports().embeddings().completeModel(project).isEmpty()) Thread.sleep(1000);
        }
        System.out.printf(Locale.ROOT, "BENCH db=%s embedded 10000 assets in %.0fs (background, 1 thread)%n", db, (System.nanoTime() - e0) / 1e9);
      }
      // 990 labels in three batches; wait for the model on all of them
      for (int from = 0; from < 990; from += 330) {
        ArrayNode labels = Api.array();
        for (int i = from; i < from + 330; i++) labels.add(label(assets.get(i), truth));
        assertEquals(201, api.post("/api/v1/projects/" + project + "/labels", labels).status());
      }
      awaitIdle(api, project, 990);
      int next = 990;
      List<Double> seconds = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int i = next; i < next + 9; i++) api.post("/api/v1/projects/" + project + "/labels", label(assets.get(i), truth));
        int versions = api.get("/api/v1/projects/" + project + "/models").body().path("items").size();
        long t0 = System.nanoTime();
        assertEquals(201, api.post("/api/v1/projects/" + project + "/labels", label(assets.get(next + 9), truth)).status());
        JsonNode models;
        do {
          Thread.sleep(20);
          models = api.get("/api/v1/projects/" + project + "/models").body().path("items");
        } while (models.size() == versions);
        double s = (System.nanoTime() - t0) / 1e9;
        seconds.add(s);
        JsonNode latest = models.get(0);
        JsonNode served = api.get("/api/v1/projects/" + project + "/queue/next").body();
        JsonNode board = latest.path("card").path("leaderboard");
        long dense = java.util.stream.StreamSupport.stream(board.spliterator(), false)
            .filter(e -> e.path("config").asText().contains("emb")).count();
        System.out.printf(Locale.ROOT, "BENCH db=%s budget=%ds labels=%d submit->requeued=%.2fs trainingSeconds=%.2f cvAccuracy=%.3f"
                + " predictions=%d served.prediction=%s chosen=%s evaluated=%d(dense %d)%n", db, budget, next + 10, s,
            latest.path("trainingSeconds").asDouble(), latest.path("cvAccuracy").asDouble(), latest.path("predictions").asInt(),
            served.path("prediction").path("modelVersion").asText(), latest.path("card").path("config").asText(), board.size(), dense);
        next += 10;
      }
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(Locale.ROOT, "BENCH db=%s budget=%ds median submit->requeued=%.2fs all=%s%n", db, budget, sorted[1], Arrays.toString(sorted));
    }
  }

  private static ObjectNode label(String[] asset, Map<String, String> truth) {
    ObjectNode r = Api.object();
    r.putObject("JOB_0").putArray("categories").addObject().put("name", truth.get(asset[1]));
    return Api.object().put("assetId", asset[0]).put("labelType", "DEFAULT").set("jsonResponse", r);
  }

  static void awaitIdle(Api api, String project, long labels) throws InterruptedException {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode jobs = api.get("/api/v1/projects/" + project + "/training-jobs").body().path("items");
      JsonNode last = jobs.get(0);
      if (last != null && last.path("status").asText().equals("DONE") && last.path("labelsAtTrigger").asLong() >= labels) return;
      Thread.sleep(200);
    }
    throw new AssertionError("model on " + labels + " labels not ready");
  }
}
