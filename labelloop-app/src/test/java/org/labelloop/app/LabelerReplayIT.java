package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/**
 * End to end, like a person: a labeler takes {@code queue/next} over and over and answers from the demo set's truth
 * file, while the loop retrains in the background. The accuracy of the pre-annotations on the assets nobody has
 * labeled yet must rise from the first model (10 labels) to the model trained on 100.
 */
class LabelerReplayIT {
  @Test
  void preAnnotationAccuracyRisesAsTheLabelerWorks() throws IOException {
    Map<String, String> truth = new HashMap<>();
    for (String line : resource("texts-truth.csv").lines().skip(1).toList()) {
      String[] f = line.split(",");
      truth.put(f[0], f[1]);
    }
    Set<String> classes = new LinkedHashSet<>(truth.values());
    Path data = Files.createTempDirectory("labelloop-replay-it-");
    try (LabelloopApp app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, null, false, false),
        new PrintStream(new ByteArrayOutputStream()))) {
      Api api = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
      Response p = api.post("/api/v1/projects", Api.object().put("title", "replay").put("inputType", "TEXT")
          .set("jsonInterface", Api.textInterface(classes.toArray(String[]::new))));
      String project = p.body().path("id").asText();
      api.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", 2));
      ArrayNode assets = Api.array(); // the texts alone: the file's few labels would start the labeler ahead
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(resource("texts.csv")))) {
        assets.addObject().put("externalId", r.get("id")).put("content", r.get("text"));
      }
      Response imported = api.post("/api/v1/projects/" + project + "/assets", assets);
      assertEquals(201, imported.status(), imported.text());

      labelFromQueue(api, project, truth, 10);
      double first = poolAccuracy(api, project, truth, 10);
      labelFromQueue(api, project, truth, 90);
      double later = poolAccuracy(api, project, truth, 100);
      assertTrue(later >= first + 0.1, "pool accuracy after 10 labels " + first + ", after 100 " + later);
    }
  }

  private static void labelFromQueue(Api api, String project, Map<String, String> truth, int n) {
    for (int i = 0; i < n; i++) {
      JsonNode next = api.get("/api/v1/projects/" + project + "/queue/next").body();
      ObjectNode answer = Api.object();
      answer.putObject("JOB_0").putArray("categories").addObject().put("name", truth.get(next.path("externalId").asText()));
      Response r = api.post("/api/v1/projects/" + project + "/labels", Api.object().put("assetId", next.path("id").asText())
          .put("labelType", "DEFAULT").set("jsonResponse", answer));
      assertEquals(201, r.status(), r.text());
    }
  }

  /** Waits for the model trained on {@code labels} labels, then scores its predictions on the unlabeled assets. */
  private static double poolAccuracy(Api api, String project, Map<String, String> truth, int labels) {
    LearningLoopContract.await(() -> {
      JsonNode models = api.get("/api/v1/projects/" + project + "/models").body().path("items");
      return models.size() > 0 && models.get(0).path("labelsUsed").asInt() >= labels ? true : null;
    }, "the model on " + labels + " labels");
    Map<String, String> externalIds = new HashMap<>();
    api.get("/api/v1/projects/" + project + "/assets?limit=1000").body().path("items")
        .forEach(a -> externalIds.put(a.path("id").asText(), a.path("externalId").asText()));
    String latest = api.get("/api/v1/projects/" + project + "/models").body().path("items").get(0).path("modelVersion").asText();
    List<JsonNode> predictions = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = api.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=200" + (cursor == null ? "" : "&cursor=" + cursor)).body();
      page.path("items").forEach(l -> {
        if (l.path("modelVersion").asText().equals(latest)) predictions.add(l);
      });
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    assertEquals(360 - labels, predictions.size());
    long right = predictions.stream().filter(l -> truth.get(externalIds.get(l.path("assetId").asText()))
        .equals(l.path("jsonResponse").path("JOB_0").path("categories").path(0).path("name").asText())).count();
    return (double) right / predictions.size();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LabelerReplayIT.class.getResourceAsStream("/demo/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
