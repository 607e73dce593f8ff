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
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.ner.format.NerFormats;
import org.labelloop.store.testing.EmbeddedPostgresServer;

/**
 * The NER counterpart of {@link LearningLoopBenchIT} (not a test; runs only with {@code -Dbench=true}): the first
 * 10,000 sentences of CoNLL-2003 {@code eng.train} as a PER/ORG/LOC/MISC project with 990 labeled sentences and a
 * settled tagger; then sentences 991-999 are labeled one by one, and the clock runs from the submit of the 1,000th
 * until {@code /models} shows the new version (its PREDICTION spans and queue scores commit in the same transaction).
 *
 * <p>{@code ./mvnw -o verify -pl labelloop-app -am -Dtest=none -Dit.test=NerLoopBenchIT -Dbench=true
 * -Dbench.db=sqlite|postgresql -Dbench.budget=3 -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfailsafe.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class NerLoopBenchIT {
  @Test
  void retrainLatency() throws Exception {
    String db = System.getProperty("bench.db", "sqlite");
    int budget = Integer.getInteger("bench.budget", 3);
    Path conll = Path.of(System.getProperty("bench.data", "../../shared/datasets/conll2003/eng.train"));
    if (!Files.exists(conll)) conll = Path.of("/work/shared/datasets/conll2003/eng.train");
    List<NerSentence> sentences = NerFormats.read(conll, "conll").subList(0, 10_000);
    Path data = Files.createTempDirectory("labelloop-ner-bench-");
    String url = db.equals("postgresql") ? EmbeddedPostgresServer.get().newDatabaseUrl() : null;
    try (LabelloopApp app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, url, false, false),
        new PrintStream(new ByteArrayOutputStream()))) {
      Api api = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
      ObjectNode iface = Api.object();
      ObjectNode categories = iface.putObject("jobs").putObject("NER").put("mlTask", "NAMED_ENTITIES_RECOGNITION").put("required", 1)
          .putObject("content").putObject("categories");
      for (String type : List.of("PER", "ORG", "LOC", "MISC")) categories.putObject(type).put("name", type);
      Response p = api.post("/api/v1/projects", Api.object().put("title", "ner-bench").put("inputType", "TEXT").set("jsonInterface", iface));
      String project = p.body().path("id").asText();
      api.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", budget));
      Map<String, NerSentence> truth = new HashMap<>();
      ArrayNode batch = Api.array();
      for (int i = 0; i < sentences.size(); i++) {
        batch.addObject().put("externalId", "c" + i).put("content", sentences.get(i).text());
        truth.put("c" + i, sentences.get(i));
        if (batch.size() == 2000) {
          assertEquals(201, api.post("/api/v1/projects/" + project + "/assets", batch).status());
          batch = Api.array();
        }
      }
      List<String[]> assets = new ArrayList<>(); // {id, externalId}, import order
      String cursor = null;
      do {
        Response page = api.get("/api/v1/projects/" + project + "/assets?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
        page.body().path("items").forEach(a -> assets.add(new String[] {a.path("id").asText(), a.path("externalId").asText()}));
        cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
      } while (cursor != null);
      for (int from = 0; from < 990; from += 330) {
        ArrayNode labels = Api.array();
        for (int i = from; i < from + 330; i++) labels.add(label(assets.get(i), truth));
        assertEquals(201, api.post("/api/v1/projects/" + project + "/labels", labels).status());
      }
      LearningLoopBenchIT.awaitIdle(api, project, 990);
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
        System.out.printf(Locale.ROOT, "BENCH ner db=%s budget=%ds labels=%d submit->requeued=%.2fs trainingSeconds=%.2f cvEntityF1=%.3f"
                + " predictions=%d served.prediction=%s%n", db, budget, next + 10, s, latest.path("trainingSeconds").asDouble(),
            latest.path("card").path("cvEntityF1").asDouble(), latest.path("predictions").asInt(),
            served.path("prediction").path("modelVersion").asText());
        next += 10;
      }
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(Locale.ROOT, "BENCH ner db=%s budget=%ds median submit->requeued=%.2fs all=%s%n", db, budget, sorted[1], Arrays.toString(sorted));
    }
  }

  private static ObjectNode label(String[] asset, Map<String, NerSentence> truth) {
    NerSentence s = truth.get(asset[1]);
    ObjectNode r = Api.object();
    ArrayNode annotations = r.putObject("NER").putArray("annotations");
    for (Span span : s.spans()) {
      ObjectNode a = annotations.addObject().put("beginOffset", span.begin()).put("content", span.content(s.text()));
      a.putArray("categories").addObject().put("name", span.label());
    }
    return Api.object().put("assetId", asset[0]).put("labelType", "DEFAULT").set("jsonResponse", r);
  }
}
