package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.core.Ports;
import org.labelloop.core.learning.EmbeddingRepository.AssetVector;
import org.labelloop.store.Database;

/**
 * The server loop figure of issue 13 for images (not a test; runs only with {@code -Dbench=true}, see
 * {@code bench/media-loop.sh}): an IMAGE project of 1,000 generated PNGs whose embeddings are already stored (cached:
 * 1,088-d vectors, the shipped encoder's width, drawn around one centre per class, since the loop's cost depends on
 * their number and width, not on where they came from), 100 labels and a settled model; then three rounds of ten
 * labels, the clock running from the submit of each round's tenth until {@code /models} shows the retrained image
 * model (its predictions and re-ordered queue commit in the same transaction).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class MediaLoopBenchIT {
  private static final int IMAGES = 1000, DIMENSION = 1088;

  @Test
  void imageRetrainLatency() throws Exception {
    int budget = Integer.getInteger("bench.budget", 3);
    Path data = Files.createTempDirectory("labelloop-media-bench-");
    try (LabelloopApp app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, null, false, false),
        new PrintStream(new ByteArrayOutputStream()))) {
      Api api = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
      Response created = api.post("/api/v1/projects", "{\"title\":\"bench\",\"inputType\":\"IMAGE\",\"jsonInterface\":{\"jobs\":{\"JOB_0\":"
          + "{\"mlTask\":\"CLASSIFICATION\",\"required\":1,\"content\":{\"input\":\"radio\",\"categories\":{\"A\":{},\"B\":{},\"C\":{}}}}}}}");
      String project = created.body().path("id").asText();
      api.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", budget));
      Object[] entries = new Object[2 * IMAGES];
      for (int i = 0; i < IMAGES; i++) {
        entries[2 * i] = String.format("img%04d.png", i);
        entries[2 * i + 1] = MediaApiContract.png(1 + i % 500);
      }
      assertEquals(201, ServerContract.uploadZip(api, app.adminApiKey(), project, MediaApiContract.zip(entries), null, "").status());
      List<String[]> assets = RetrainBench.assets(api, project);
      assertEquals(IMAGES, assets.size());
      store(data, assets);
      RetrainBench.run(api, project, assets, a -> label(a), 100, String.format(Locale.ROOT, "media-loop images=%d budget=%ds", IMAGES, budget),
          (s, latest) -> {
            JsonNode served = api.get("/api/v1/projects/" + project + "/queue/next").body();
            System.out.printf(Locale.ROOT, "BENCH media-loop labels=%d submit->requeued=%.2fs trainingSeconds=%.2f cvAccuracy=%.3f"
                    + " predictions=%d served.prediction=%s chosen=%s featurizer=%s%n", latest.path("labelsUsed").asInt(), s,
                latest.path("trainingSeconds").asDouble(), latest.path("cvAccuracy").asDouble(), latest.path("predictions").asInt(),
                served.path("prediction").path("modelVersion").asText(), latest.path("card").path("config").asText(),
                latest.path("card").path("featurizer").asText());
          });
    }
  }

  /** The class of asset {@code i} of the import order. */
  private static String truth(String[] asset) {
    return List.of("A", "B", "C").get(Integer.parseInt(asset[1].substring(3, 7)) % 3);
  }

  private static ObjectNode label(String[] asset) {
    ObjectNode l = Api.object().put("assetId", asset[0]).put("labelType", "DEFAULT");
    l.putObject("jsonResponse").putObject("JOB_0").putArray("categories").addObject().put("name", truth(asset));
    return l;
  }

  /** Stores the cached vectors: each class's centre plus noise, as the background encoder would have. */
  private static void store(Path data, List<String[]> assets) {
    Random random = new Random(13);
    float[][] centres = new float[3][DIMENSION];
    for (float[] c : centres) for (int j = 0; j < DIMENSION; j++) c[j] = (float) random.nextGaussian();
    List<AssetVector> rows = new ArrayList<>();
    for (String[] a : assets) {
      float[] centre = centres[List.of("A", "B", "C").indexOf(truth(a))];
      float[] v = new float[DIMENSION];
      for (int j = 0; j < DIMENSION; j++) v[j] = centre[j] + 3 * (float) random.nextGaussian();
      rows.add(new AssetVector(a[0], v));
    }
    try (Database db = Database.open("jdbc:sqlite:" + data.resolve("labelloop.db"))) {
      Ports ports = db.ports();
      ports.tx().inTransaction(() -> ports.embeddings().save("bench-cached-1088", rows, Instant.now()));
    }
  }
}
