package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.store.Database;

/**
 * The measuring part of the loop benchmarks ({@link LearningLoopBenchIT}, {@link NerLoopBenchIT}): a project's first
 * 990 assets labeled and trained on, then three rounds of nine labels plus one whose submit starts the clock, stopped
 * when {@code /models} shows the new version (its predictions and queue scores commit in the same transaction).
 */
final class RetrainBench {
  private RetrainBench() {}

  /** {@code {id, externalId}} of every asset of the project, in id order. */
  static List<String[]> assets(Api api, String project) {
    List<String[]> assets = new ArrayList<>();
    String cursor = null;
    do {
      Response page = api.get("/api/v1/projects/" + project + "/assets?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      page.body().path("items").forEach(a -> assets.add(new String[] {a.path("id").asText(), a.path("externalId").asText()}));
      cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
    } while (cursor != null);
    return assets;
  }

  /** {@link #run(Api, String, List, Function, int, String, BiConsumer)} after 990 labels. */
  static void run(Api api, String project, List<String[]> assets, Function<String[], ObjectNode> label, String tag,
      BiConsumer<Double, JsonNode> report) throws InterruptedException {
    run(api, project, assets, label, 990, tag, report);
  }

  /**
   * Labels assets {@code 0..settled-1} and waits for their model, then times three retrains; {@code report} gets each
   * round's seconds and the new model. Prints the median line with {@code tag}.
   */
  static void run(Api api, String project, List<String[]> assets, Function<String[], ObjectNode> label, int settled, String tag,
      BiConsumer<Double, JsonNode> report) throws InterruptedException {
    for (int from = 0; from < settled; from += 330) {
      ArrayNode labels = Api.array();
      for (int i = from; i < Math.min(settled, from + 330); i++) labels.add(label.apply(assets.get(i)));
      assertEquals(201, api.post("/api/v1/projects/" + project + "/labels", labels).status());
    }
    awaitIdle(api, project, settled);
    List<Double> seconds = new ArrayList<>();
    for (int next = settled; next < settled + 30; next += 10) {
      for (int i = next; i < next + 9; i++) api.post("/api/v1/projects/" + project + "/labels", label.apply(assets.get(i)));
      int versions = api.get("/api/v1/projects/" + project + "/models").body().path("items").size();
      long t0 = System.nanoTime();
      assertEquals(201, api.post("/api/v1/projects/" + project + "/labels", label.apply(assets.get(next + 9))).status());
      JsonNode models;
      do {
        Thread.sleep(20);
        models = api.get("/api/v1/projects/" + project + "/models").body().path("items");
      } while (models.size() == versions);
      double s = (System.nanoTime() - t0) / 1e9;
      seconds.add(s);
      report.accept(s, models.get(0));
    }
    double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "BENCH %s median submit->requeued=%.2fs all=%s%n", tag, sorted[1], Arrays.toString(sorted));
  }

  /** Waits until the background embedder has stored every asset's vector (the "embeddings already stored"). */
  static void awaitEmbedded(String jdbcUrl, String project, String db) throws InterruptedException {
    long e0 = System.nanoTime();
    try (Database store = Database.open(jdbcUrl)) {
      while (store.ports().embeddings().completeModel(project).isEmpty()) Thread.sleep(1000);
    }
    System.out.printf(Locale.ROOT, "BENCH db=%s embedded the project's assets in %.0fs (background, 1 thread)%n", db, (System.nanoTime() - e0) / 1e9);
  }

  private static void awaitIdle(Api api, String project, long labels) throws InterruptedException {
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
