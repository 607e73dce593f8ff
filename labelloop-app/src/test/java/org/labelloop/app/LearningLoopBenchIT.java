package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
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
      List<String[]> assets = RetrainBench.assets(api, project);
      assertEquals(10_000, assets.size());
      if (embeddings) RetrainBench.awaitEmbedded(url == null ? "jdbc:sqlite:" + data.resolve("labelloop.db") : url, project, db);
      RetrainBench.run(api, project, assets, a -> label(a, truth), String.format(Locale.ROOT, "db=%s budget=%ds", db, budget), (s, latest) -> {
        JsonNode served = api.get("/api/v1/projects/" + project + "/queue/next").body();
        JsonNode board = latest.path("card").path("leaderboard");
        long dense = java.util.stream.StreamSupport.stream(board.spliterator(), false)
            .filter(e -> e.path("config").asText().contains("emb")).count();
        System.out.printf(Locale.ROOT, "BENCH db=%s budget=%ds labels=%d submit->requeued=%.2fs trainingSeconds=%.2f cvAccuracy=%.3f"
                + " predictions=%d served.prediction=%s chosen=%s evaluated=%d(dense %d)%n", db, budget, latest.path("labelsUsed").asInt(), s,
            latest.path("trainingSeconds").asDouble(), latest.path("cvAccuracy").asDouble(), latest.path("predictions").asInt(),
            served.path("prediction").path("modelVersion").asText(), latest.path("card").path("config").asText(), board.size(), dense);
      });
    }
  }

  private static ObjectNode label(String[] asset, Map<String, String> truth) {
    ObjectNode r = Api.object();
    r.putObject("JOB_0").putArray("categories").addObject().put("name", truth.get(asset[1]));
    return Api.object().put("assetId", asset[0]).put("labelType", "DEFAULT").set("jsonResponse", r);
  }
}
