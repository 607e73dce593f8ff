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
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.ner.format.NerFormats;
import org.labelloop.store.testing.EmbeddedPostgresServer;

/**
 * The NER counterpart of {@link LearningLoopBenchIT} (not a test; runs only with {@code -Dbench=true}): the first
 * 10,000 sentences of CoNLL-2003 {@code eng.train} as a PER/ORG/LOC/MISC project with 990 labeled sentences and a
 * settled tagger; then sentences 991-999 are labeled one by one, and the clock runs from the submit of the 1,000th
 * until {@code /models} shows the new version (its PREDICTION spans and queue scores commit in the same transaction).
 * With {@code -Dbench.embeddings=true} (the default) the sentence embeddings are stored first and the tagger gets
 * word-cluster features, built in the first training (before the clock runs).
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
    boolean embeddings = Boolean.parseBoolean(System.getProperty("bench.embeddings", "true"));
    int budget = Integer.getInteger("bench.budget", 3);
    Path conll = Path.of(System.getProperty("bench.data", "../../shared/datasets/conll2003/eng.train"));
    if (!Files.exists(conll)) conll = Path.of("/work/shared/datasets/conll2003/eng.train");
    List<NerSentence> sentences = NerFormats.read(conll, "conll").subList(0, 10_000);
    Path data = Files.createTempDirectory("labelloop-ner-bench-");
    String url = db.equals("postgresql") ? EmbeddedPostgresServer.get().newDatabaseUrl() : null;
    try (LabelloopApp app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, url, false, embeddings),
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
      List<String[]> assets = RetrainBench.assets(api, project);
      if (embeddings) RetrainBench.awaitEmbedded(url == null ? "jdbc:sqlite:" + data.resolve("labelloop.db") : url, project, db);
      RetrainBench.run(api, project, assets, a -> label(a, truth), String.format(Locale.ROOT, "ner db=%s budget=%ds", db, budget), (s, latest) -> {
        JsonNode served = api.get("/api/v1/projects/" + project + "/queue/next").body();
        System.out.printf(Locale.ROOT, "BENCH ner db=%s budget=%ds labels=%d submit->requeued=%.2fs trainingSeconds=%.2f cvEntityF1=%.3f"
                + " predictions=%d served.prediction=%s clusters=%s%n", db, budget, latest.path("labelsUsed").asInt(), s,
            latest.path("trainingSeconds").asDouble(), latest.path("card").path("cvEntityF1").asDouble(), latest.path("predictions").asInt(),
            served.path("prediction").path("modelVersion").asText(), latest.path("card").path("wordClusters").asText("none"));
      });
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
