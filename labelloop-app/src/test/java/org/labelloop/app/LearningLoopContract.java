package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/**
 * The learning loop of issue 4 over real HTTP with the real background worker; subclasses pick the database. Small
 * AutoML budgets keep it quick; nothing here asserts timings.
 */
abstract class LearningLoopContract extends ServerContract {
  static final String[] SPORT = {"goal", "match", "team", "score", "league", "coach", "striker", "referee"};
  static final String[] TECH = {"software", "chip", "code", "server", "laptop", "kernel", "compiler", "network"};
  static final String[] FILLER = {"today", "new", "big", "the", "report", "week", "people", "said", "after"};
  static final String[] PERSON_NAMES = {"Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Thomas", "Walker", "Wright", "Green"};
  static final String[] NER_FILLER = {"the", "meeting", "was", "long", "and", "people", "said", "today", "after", "report"};


  /** Synthetic topic texts: class words plus filler, seeded. Even index = SPORT, odd = TECH. */
  static List<String> texts(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] words = i % 2 == 0 ? SPORT : TECH;
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < 6; k++) {
        b.append(r.nextInt(3) == 0 ? FILLER[r.nextInt(FILLER.length)] : words[r.nextInt(words.length)]).append(' ');
      }
      out.add(b.toString().strip());
    }
    return out;
  }

  /** A project with {@code n} assets e0..e{n-1} and learning at a 2 s budget; returns project id and externalId → assetId. */
  String project(int n, Map<String, String> ids) {
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "learn").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH")));
    assertEquals(201, p.status(), p.text());
    String project = p.body().path("id").asText();
    Response s = admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", 2));
    assertEquals(200, s.status(), s.text());
    ArrayNode assets = Api.array();
    List<String> texts = texts(n, 42);
    for (int i = 0; i < n; i++) assets.addObject().put("externalId", "e" + i).put("content", texts.get(i));
    Response r = admin.post("/api/v1/projects/" + project + "/assets", assets);
    assertEquals(201, r.status(), r.text());
    String cursor = null;
    do {
      Response page = admin.get("/api/v1/projects/" + project + "/assets?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      page.body().path("items").forEach(a -> ids.put(a.path("externalId").asText(), a.path("id").asText()));
      cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
    } while (cursor != null);
    return project;
  }

  static ObjectNode answer(String category) {
    ObjectNode r = Api.object();
    r.putObject("JOB_0").putArray("categories").addObject().put("name", category);
    return r;
  }

  void label(String project, String assetId, String category) {
    Response r = admin.post("/api/v1/projects/" + project + "/labels",
        Api.object().put("assetId", assetId).put("labelType", "DEFAULT").set("jsonResponse", answer(category)));
    assertEquals(201, r.status(), r.text());
  }

  void labelRange(String project, Map<String, String> ids, int from, int to) {
    for (int i = from; i < to; i++) label(project, ids.get("e" + i), i % 2 == 0 ? "SPORT" : "TECH");
  }

  static <T> T await(Supplier<T> probe, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      T v = probe.get();
      if (v != null) return v;
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  JsonNode models(String project) {
    return admin.get("/api/v1/projects/" + project + "/models").body().path("items");
  }

  JsonNode jobs(String project) {
    return admin.get("/api/v1/projects/" + project + "/training-jobs").body().path("items");
  }

  List<JsonNode> predictions(String project) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      Response page = admin.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      page.body().path("items").forEach(out::add);
      cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
    } while (cursor != null);
    return out;
  }

  static double margin(JsonNode prediction) {
    List<Double> p = new ArrayList<>();
    prediction.path("jsonResponse").path("JOB_0").path("probabilities").forEach(v -> p.add(v.asDouble()));
    p.sort((a, b) -> Double.compare(b, a));
    return 1 - (p.get(0) - p.get(1));
  }

  @Test
  void labelingTheNthItemTrainsOnceAndPredictsEveryUnlabeledAssetInMarginOrder() throws InterruptedException {
    Map<String, String> ids = new HashMap<>();
    String project = project(60, ids);
    // margin, not the default diverse: the order checked below is one score per asset
    assertEquals(200, admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("strategy", "margin")).status());
    labelRange(project, ids, 0, 9);
    Thread.sleep(500);
    assertEquals(0, jobs(project).size(), "nine labels queue nothing");
    labelRange(project, ids, 9, 10);
    JsonNode model = await(() -> models(project).size() >= 1 ? models(project).get(0) : null, "the first model");
    assertEquals("v1", model.path("modelVersion").asText());
    assertEquals(10, model.path("labelsUsed").asInt());
    assertTrue(model.path("card").path("snapshotHash").asText().length() == 64, model.toString());
    JsonNode jobs = jobs(project);
    assertEquals(1, jobs.size(), jobs.toString());
    assertEquals("DONE", jobs.get(0).path("status").asText());

    List<JsonNode> predictions = predictions(project);
    assertEquals(50, predictions.size());
    Set<String> predicted = new HashSet<>();
    double best = 0;
    for (JsonNode p : predictions) {
      assertEquals("v1", p.path("modelVersion").asText());
      predicted.add(p.path("assetId").asText());
      best = Math.max(best, margin(p));
      int confidence = p.path("jsonResponse").path("JOB_0").path("categories").path(0).path("confidence").asInt(-1);
      assertTrue(confidence >= 0 && confidence <= 100);
    }
    for (int i = 10; i < 60; i++) assertTrue(predicted.contains(ids.get("e" + i)), "asset e" + i + " has a prediction");

    Response next = admin.get("/api/v1/projects/" + project + "/queue/next");
    assertEquals(200, next.status(), next.text());
    JsonNode prediction = next.body().path("prediction");
    assertEquals("v1", prediction.path("modelVersion").asText(), next.text());
    assertTrue(margin(prediction) >= best - 2e-3, "served the most uncertain asset first: " + margin(prediction) + " vs " + best);

    labelRange(project, ids, 10, 15); // below the next threshold: still one training
    Thread.sleep(1000);
    assertEquals(1, jobs(project).size());
    labelRange(project, ids, 15, 20);
    await(() -> models(project).size() >= 2 ? true : null, "the second model");
    List<JsonNode> after = predictions(project);
    long current = after.stream().filter(p -> p.path("modelVersion").asText().equals("v2")).count();
    assertEquals(40, current, "every unlabeled asset has a v2 prediction");
    Set<String> seen = new HashSet<>();
    for (JsonNode p : after) {
      if (p.path("modelVersion").asText().equals("v1")) {
        int i = Integer.parseInt(ids.entrySet().stream().filter(e -> e.getValue().equals(p.path("assetId").asText())).findFirst().orElseThrow().getKey().substring(1));
        assertTrue(i < 20, "v1 predictions remain only on assets labeled since");
      } else {
        assertTrue(seen.add(p.path("assetId").asText()), "one current prediction per asset");
      }
    }

    JsonNode curve = admin.get("/api/v1/projects/" + project + "/learning-curve").body();
    assertEquals(2, curve.path("items").size(), curve.toString());
    assertEquals(10, curve.path("items").get(0).path("forwardCount").asInt(), curve.toString());
    assertNotNull(curve.path("stoppingHint").path("message").asText(null));
  }

  /** Truth of the checkbox test: every third text is about both topics. */
  static List<String> categoriesOf(int i) {
    return i % 3 == 0 ? List.of("SPORT") : i % 3 == 1 ? List.of("TECH") : List.of("SPORT", "TECH");
  }

  @Test
  void aCheckboxJobTrainsOneVsRestAndPredictsCategorySets() {
    ObjectNode iface = Api.object();
    ObjectNode categories = iface.putObject("jobs").putObject("JOB_0").put("mlTask", "CLASSIFICATION").put("required", 1)
        .putObject("content").put("input", "checkbox").putObject("categories");
    for (String c : new String[] {"SPORT", "TECH"}) categories.putObject(c).put("name", c);
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "multi").put("inputType", "TEXT").set("jsonInterface", iface));
    assertEquals(201, p.status(), p.text());
    String project = p.body().path("id").asText();
    admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("enabled", false));
    SplittableRandom r = new SplittableRandom(5);
    ArrayNode assets = Api.array();
    for (int i = 0; i < 60; i++) {
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < 6; k++) {
        String[] words = categoriesOf(i).size() == 2 ? (k % 2 == 0 ? SPORT : TECH) : categoriesOf(i).get(0).equals("SPORT") ? SPORT : TECH;
        text.append(words[r.nextInt(words.length)]).append(' ');
      }
      assets.addObject().put("externalId", "m" + i).put("content", text.toString().strip());
    }
    assertEquals(201, admin.post("/api/v1/projects/" + project + "/assets", assets).status());
    Map<String, String> ids = new HashMap<>();
    admin.get("/api/v1/projects/" + project + "/assets?limit=1000").body().path("items")
        .forEach(a -> ids.put(a.path("id").asText(), a.path("externalId").asText()));
    ids.forEach((id, external) -> {
      int i = Integer.parseInt(external.substring(1));
      if (i >= 30) return;
      ObjectNode answer = Api.object();
      ArrayNode cats = answer.putObject("JOB_0").putArray("categories");
      categoriesOf(i).forEach(c -> cats.addObject().put("name", c));
      Response l = admin.post("/api/v1/projects/" + project + "/labels",
          Api.object().put("assetId", id).put("labelType", "DEFAULT").set("jsonResponse", answer));
      assertEquals(201, l.status(), l.text());
    });
    admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("enabled", true).put("timeBudgetSeconds", 2));
    assertEquals(202, admin.post("/api/v1/projects/" + project + "/models/train", Api.object()).status());
    JsonNode model = await(() -> models(project).size() >= 1 ? models(project).get(0) : null, "the multi-label model");
    assertEquals("text-multi-label-classification", model.path("card").path("task").asText(), model.toString());
    assertEquals(30, model.path("labelsUsed").asInt());

    List<JsonNode> predictions = predictions(project);
    assertEquals(30, predictions.size());
    int exact = 0, pairs = 0;
    for (JsonNode prediction : predictions) {
      JsonNode job = prediction.path("jsonResponse").path("JOB_0");
      Set<String> predicted = new HashSet<>();
      job.path("categories").forEach(c -> predicted.add(c.path("name").asText()));
      assertEquals(Set.of("SPORT", "TECH"), Set.copyOf(iterable(job.path("probabilities").fieldNames())), job.toString());
      int i = Integer.parseInt(ids.get(prediction.path("assetId").asText()).substring(1));
      if (predicted.equals(Set.copyOf(categoriesOf(i)))) exact++;
      if (predicted.size() == 2) pairs++;
    }
    assertTrue(exact >= 24, exact + " of 30 predicted category sets are exactly right");
    assertTrue(pairs >= 5, "texts about both topics get both categories: " + pairs);
  }

  static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void textsImportedOnceAModelExistsArePreAnnotatedWithoutWaitingForLabels() {
    Map<String, String> ids = new HashMap<>();
    String project = project(20, ids); // this server computes no embeddings: nothing else would retrain
    labelRange(project, ids, 0, 10);
    await(() -> models(project).size() >= 1 ? models(project) : null, "the first model");
    ArrayNode more = Api.array();
    List<String> texts = texts(3, 9);
    for (int i = 0; i < 3; i++) more.addObject().put("externalId", "late" + i).put("content", texts.get(i));
    assertEquals(201, admin.post("/api/v1/projects/" + project + "/assets", more).status());
    JsonNode v2 = await(() -> models(project).size() >= 2 ? models(project).get(0) : null, "a model after the import");
    assertEquals("v2", v2.path("modelVersion").asText());
    assertEquals(13, predictions(project).stream().filter(p -> p.path("modelVersion").asText().equals("v2")).count());
  }

  @Test
  void anImportWithLabelsTrainsTheFirstModelWithoutFurtherLabeling() {
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "labeled import").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH")));
    String project = p.body().path("id").asText();
    admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", 1));
    StringBuilder csv = new StringBuilder("id,text,label\n");
    List<String> texts = texts(30, 7);
    for (int i = 0; i < 30; i++) csv.append("e").append(i).append(',').append(texts.get(i)).append(',').append(i >= 12 ? "" : i % 2 == 0 ? "SPORT" : "TECH").append('\n');
    Response r = admin.upload("/api/v1/projects/" + project + "/assets", "labeled.csv", csv.toString(),
        Map.of("idColumn", "id", "textColumn", "text", "labelColumn", "label"));
    assertEquals(201, r.status(), r.text());
    JsonNode model = await(() -> models(project).size() >= 1 ? models(project).get(0) : null, "a model from the imported labels");
    assertEquals(12, model.path("labelsUsed").asInt(), model.toString());
  }

  @Test
  void trainingPinnedToADatasetVersionUsesThatVersionsAnswersOnly() {
    Map<String, String> ids = new HashMap<>();
    String project = project(40, ids);
    assertEquals(200, admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("enabled", false)).status());
    labelRange(project, ids, 0, 12);
    Response v1 = admin.post("/api/v1/projects/" + project + "/versions", Api.object().put("name", "v1"));
    assertEquals(201, v1.status(), v1.text());
    labelRange(project, ids, 12, 20); // after the snapshot: not part of the pinned training data

    Response unknown = admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("pinnedVersion", "999999"));
    assertEquals(400, unknown.status(), unknown.text());
    Response pin = admin.patch("/api/v1/projects/" + project + "/learning",
        Api.object().put("enabled", true).put("pinnedVersion", v1.body().path("id").asText()));
    assertEquals(200, pin.status(), pin.text());
    assertEquals(v1.body().path("id").asText(), pin.body().path("pinnedVersion").asText(), pin.text());

    assertEquals(202, admin.post("/api/v1/projects/" + project + "/models/train", Api.object()).status());
    JsonNode model = await(() -> models(project).size() >= 1 ? models(project).get(0) : null, "the pinned model");
    assertEquals(12, model.path("labelsUsed").asInt(), model.toString());
  }

  @Test
  void settingsAreReadByMembersAndChangedByAdminsWithValidation() {
    Map<String, String> ids = new HashMap<>();
    String project = project(2, ids);
    JsonNode s = admin.get("/api/v1/projects/" + project + "/learning").body();
    assertEquals("diverse", s.path("strategy").asText());
    assertEquals(10, s.path("retrainEvery").asInt());
    assertEquals(2, s.path("timeBudgetSeconds").asInt());
    assertEquals(400, admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("strategy", "smart")).status());
    assertEquals(400, admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("jobId", "NOPE")).status());
    Response ner = admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("jobId", "NER"));
    assertEquals("NER", ner.body().path("jobId").asText(), "an NER job can be the learned job: " + ner.text());
    assertEquals(200, admin.patch("/api/v1/projects/" + project + "/learning", Api.object().putNull("jobId")).status());
    Response ok = admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("strategy", "entropy").put("batchSize", 5));
    assertEquals("entropy", ok.body().path("strategy").asText(), ok.text());
    assertEquals(2, ok.body().path("timeBudgetSeconds").asInt(), "other fields are kept");
    Response train = admin.post("/api/v1/projects/" + project + "/models/train", Api.object());
    assertEquals(202, train.status(), train.text());
    assertEquals("QUEUED", train.body().path("status").asText(), train.text());
  }

  @Test
  void inferenceLabelsGetMarksAgainstHumanLabels() {
    Map<String, String> ids = new HashMap<>();
    String project = project(4, ids);
    admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("enabled", false));
    String word = texts(4, 42).get(3).split(" ")[0];
    inference(project, ids.get("e0"), answer("SPORT"));
    inference(project, ids.get("e1"), answer("TECH"));
    label(project, ids.get("e0"), "SPORT");
    label(project, ids.get("e1"), "SPORT");
    label(project, ids.get("e2"), "SPORT");
    inference(project, ids.get("e2"), answer("TECH")); // a model label after the human one is marked too
    submit(project, ids.get("e3"), "DEFAULT", null, withEntity(answer("SPORT"), word, "PER"));
    // class right (1); the entity one character short: exact span F1 0, partial credit for the overlap
    inference(project, ids.get("e3"), withEntity(answer("SPORT"), word.substring(0, word.length() - 1), "PER"));
    JsonNode marks = admin.get("/api/v1/projects/" + project + "/inference-marks").body().path("items");
    Map<String, Double> byExternal = new HashMap<>();
    Map<String, Double> overlap = new HashMap<>();
    marks.forEach(m -> byExternal.put(m.path("externalId").asText(), m.path("inferenceMark").asDouble()));
    marks.forEach(m -> overlap.put(m.path("externalId").asText(), m.path("overlapMark").asDouble()));
    assertEquals(Map.of("e0", 1.0, "e1", 0.0, "e2", 0.0, "e3", 0.5), byExternal);
    assertEquals(1.0, overlap.get("e0"));
    assertTrue(overlap.get("e3") > 0.5 && overlap.get("e3") < 1, "partial credit for the overlapping span: " + overlap);
    JsonNode low = admin.get("/api/v1/projects/" + project + "/inference-marks?inferenceMarkLt=0.5").body().path("items");
    assertEquals(2, low.size());
    assertEquals(400, admin.get("/api/v1/projects/" + project + "/inference-marks?inferenceMarkLt=abc").status());
    JsonNode dis = admin.get("/api/v1/projects/" + project + "/disagreements").body().path("items");
    assertEquals(2, dis.size(), dis.toString());
    assertEquals("SPORT", dis.get(0).path("human").get(0).asText());
    assertEquals("TECH", dis.get(0).path("model").get(0).asText());
  }

  static ObjectNode withEntity(ObjectNode answer, String word, String category) {
    ObjectNode a = answer.putObject("NER").putArray("annotations").addObject().put("beginOffset", 0).put("content", word);
    a.putArray("categories").addObject().put("name", category);
    return answer;
  }

  void inference(String project, String assetId, ObjectNode response) {
    submit(project, assetId, "INFERENCE", "ext-1", response);
  }

  void submit(String project, String assetId, String type, String modelVersion, ObjectNode response) {
    ObjectNode body = Api.object().put("assetId", assetId).put("labelType", type);
    if (modelVersion != null) body.put("modelVersion", modelVersion);
    Response r = admin.post("/api/v1/projects/" + project + "/labels", body.set("jsonResponse", response));
    assertEquals(201, r.status(), r.text());
  }

  /** A seeded sentence where "Mr Name" is a person; {@code spans} receives {begin, end} of each name. */
  static String nerSentence(SplittableRandom r, List<int[]> spans) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < 7; k++) {
      if (b.length() > 0) b.append(' ');
      if (r.nextInt(3) == 0) {
        b.append("Mr ");
        int begin = b.length();
        b.append(PERSON_NAMES[r.nextInt(PERSON_NAMES.length)]);
        spans.add(new int[] {begin, b.length()});
      } else {
        b.append(NER_FILLER[r.nextInt(NER_FILLER.length)]);
      }
    }
    return b.toString();
  }

  static ObjectNode nerAnswer(String text, List<int[]> spans) {
    ObjectNode r = Api.object();
    ArrayNode annotations = r.putObject("NER").putArray("annotations");
    for (int[] s : spans) {
      ObjectNode a = annotations.addObject().put("beginOffset", s[0]).put("content", text.substring(s[0], s[1]));
      a.putArray("categories").addObject().put("name", "PER");
    }
    return r;
  }

  @Test
  void labelingTheNthSentenceTrainsATaggerThatPreAnnotatesTheQueue() {
    ObjectNode iface = Api.object();
    iface.putObject("jobs").putObject("NER").put("mlTask", "NAMED_ENTITIES_RECOGNITION").put("required", 1)
        .putObject("content").putObject("categories").set("PER", Api.object().put("name", "Person"));
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "ner").put("inputType", "TEXT").set("jsonInterface", iface));
    assertEquals(201, p.status(), p.text());
    String project = p.body().path("id").asText();
    assertEquals(200, admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", 2)).status());
    JsonNode settings = admin.get("/api/v1/projects/" + project + "/learning").body();
    assertEquals("diverse", settings.path("strategy").asText(), settings.toString());

    SplittableRandom r = new SplittableRandom(11);
    List<String> texts = new ArrayList<>();
    List<List<int[]>> truth = new ArrayList<>();
    ArrayNode assets = Api.array();
    for (int i = 0; i < 40; i++) {
      List<int[]> spans = new ArrayList<>();
      texts.add(nerSentence(r, spans));
      truth.add(spans);
      assets.addObject().put("externalId", "s" + i).put("content", texts.get(i));
    }
    assertEquals(201, admin.post("/api/v1/projects/" + project + "/assets", assets).status());
    Map<String, String> ids = new HashMap<>();
    admin.get("/api/v1/projects/" + project + "/assets?limit=100").body().path("items")
        .forEach(a -> ids.put(a.path("externalId").asText(), a.path("id").asText()));

    for (int i = 0; i < 10; i++) labelSpans(project, ids.get("s" + i), nerAnswer(texts.get(i), truth.get(i)));
    JsonNode model = await(() -> {
      JsonNode items = admin.get("/api/v1/projects/" + project + "/models").body().path("items");
      return items.size() >= 1 ? items.get(0) : null;
    }, "the first tagger");
    assertEquals("v1", model.path("modelVersion").asText());
    assertEquals("NER", model.path("jobId").asText());
    assertEquals("named-entity-recognition", model.path("card").path("task").asText(), model.toString());
    assertEquals(10, model.path("labelsUsed").asInt());

    JsonNode predictions = admin.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=100").body().path("items");
    assertEquals(30, predictions.size());
    int right = 0, total = 0;
    for (JsonNode pr : predictions) {
      assertEquals("v1", pr.path("modelVersion").asText());
      int i = Integer.parseInt(externalId(ids, pr.path("assetId").asText()).substring(1));
      for (JsonNode a : pr.path("jsonResponse").path("NER").path("annotations")) {
        int begin = a.path("beginOffset").asInt();
        assertEquals(texts.get(i).substring(begin, begin + a.path("content").asText().length()), a.path("content").asText());
        total++;
        if (truth.get(i).stream().anyMatch(s -> s[0] == begin && s[1] == begin + a.path("content").asText().length())) right++;
      }
    }
    assertTrue(total > 0 && right >= 0.8 * total, right + " of " + total + " predicted spans are right");

    Response next = admin.get("/api/v1/projects/" + project + "/queue/next");
    assertEquals(200, next.status(), next.text());
    JsonNode prediction = next.body().path("prediction");
    assertEquals("v1", prediction.path("modelVersion").asText(), next.text());
    assertTrue(prediction.path("jsonResponse").path("NER").has("annotations"), next.text());

    int served = Integer.parseInt(next.body().path("externalId").asText().substring(1));
    labelSpans(project, next.body().path("id").asText(), nerAnswer(texts.get(served), truth.get(served)));
    JsonNode point = admin.get("/api/v1/projects/" + project + "/learning-curve").body().path("items").get(0);
    assertEquals(1, point.path("forwardCount").asInt(), point.toString());
    assertTrue(point.path("forwardAccuracy").asDouble() >= 0 && point.path("forwardAccuracy").asDouble() <= 1, point.toString());
    assertNotNull(point.get("cvEntityF1"), point.toString());

    // sentences imported once a tagger exists are pre-annotated at once, not after ten more labels
    ArrayNode more = Api.array();
    for (int i = 40; i < 45; i++) more.addObject().put("externalId", "s" + i).put("content", nerSentence(r, new ArrayList<>()));
    assertEquals(201, admin.post("/api/v1/projects/" + project + "/assets", more).status());
    JsonNode v2 = await(() -> models(project).size() >= 2 ? models(project).get(0) : null, "a tagger after the import");
    assertEquals("v2", v2.path("modelVersion").asText());
    assertEquals(11, v2.path("labelsUsed").asInt(), v2.toString());
    assertEquals(34, predictions(project).stream().filter(pr -> pr.path("modelVersion").asText().equals("v2")).count());
  }

  void labelSpans(String project, String assetId, ObjectNode response) {
    Response r = admin.post("/api/v1/projects/" + project + "/labels",
        Api.object().put("assetId", assetId).put("labelType", "DEFAULT").set("jsonResponse", response));
    assertEquals(201, r.status(), r.text());
  }

  static String externalId(Map<String, String> ids, String assetId) {
    return ids.entrySet().stream().filter(e -> e.getValue().equals(assetId)).findFirst().orElseThrow().getKey();
  }
}
