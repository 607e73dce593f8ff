package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.core.io.BoxAnswers;
import org.labelloop.core.learning.DetectionWorker;
import org.labelloop.core.quality.Agreement;

/**
 * Detection pre-annotation over real HTTP with the real background detector: images imported into a project whose
 * categories name COCO classes get PREDICTION boxes of the shipped detector, with confidences, no human label needed.
 * Categories the detector does not know (drawn shapes) are learned from labeled boxes and relabel its boxes, the
 * prediction marked against a human's boxes. The darknet photos test runs where Debian's {@code darknet} test photos are ({@code DARKNET_DATA}, else
 * {@code /usr/share/darknet/data}; {@code .ci/run} fetches them). Subclasses pick the database.
 */
abstract class DetectionPrelabelContract extends DetectionServer {
  private static final Path DARKNET = Path.of(System.getenv().getOrDefault("DARKNET_DATA", "/usr/share/darknet/data"));

  /** A box drawn by hand on a photo, in pixels; {@code size} is the photo's. */
  private record Drawn(String photo, String category, double x, double y, double w, double h, int width, int height) {}

  private static final List<Drawn> DRAWN = List.of(
      new Drawn("dog.jpg", "DOG", 130, 222, 180, 318, 768, 576),
      new Drawn("person.jpg", "PERSON", 190, 100, 85, 275, 640, 424),
      new Drawn("horses.jpg", "HORSE", 0, 193, 315, 217, 773, 512),
      new Drawn("eagle.jpg", "BIRD", 135, 88, 465, 357, 773, 512),
      new Drawn("giraffe.jpg", "GIRAFFE", 168, 30, 280, 410, 500, 500));

  String project(String... categories) {
    ObjectNode cats = Api.object();
    for (String c : categories) cats.putObject(c).put("name", c.toLowerCase());
    ObjectNode body = Api.object().put("title", "detect").put("inputType", "IMAGE");
    body.putObject("jsonInterface").putObject("jobs").putObject("OBJECTS").put("mlTask", "OBJECT_DETECTION")
        .putObject("content").put("input", "radio").set("categories", cats);
    Response r = admin.post("/api/v1/projects", body);
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }

  /** The detector's predictions by asset id, once there is one for each of {@code count} assets (else null). */
  Map<String, JsonNode> predictions(String project, int count) {
    Map<String, JsonNode> byAsset = new HashMap<>();
    admin.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=100").body().path("items").forEach(l -> {
      assertEquals(DetectionWorker.SHIPPED_VERSION, l.path("modelVersion").asText());
      byAsset.put(l.path("assetId").asText(), l);
    });
    return byAsset.size() >= count ? byAsset : null;
  }

  @Test
  void darknetPhotosGetABoxOfTheirMainAnimalOrPersonRightAfterTheImport() throws Exception {
    assumeTrue(Files.isRegularFile(DARKNET.resolve("dog.jpg")),
        "skipped: darknet's test photos are absent (.ci/run fetches them; or set DARKNET_DATA)");
    String project = project("DOG", "PERSON", "HORSE", "BIRD", "GIRAFFE", "BICYCLE", "TRUCK");
    Object[] files = new Object[2 * DRAWN.size()];
    for (int i = 0; i < DRAWN.size(); i++) {
      files[2 * i] = DRAWN.get(i).photo();
      files[2 * i + 1] = Files.readAllBytes(DARKNET.resolve(DRAWN.get(i).photo()));
    }
    long imported = System.nanoTime();
    Map<String, String> ids = importImages(project, files);
    Map<String, JsonNode> predicted = within(Duration.ofSeconds(30), () -> predictions(project, DRAWN.size()), "prediction for every photo");
    System.out.printf("darknet photos pre-annotated %.1f s after the import began%n", (System.nanoTime() - imported) / 1e9);
    for (Drawn d : DRAWN) {
      JsonNode answer = predicted.get(ids.get(d.photo())).path("jsonResponse").path("OBJECTS");
      Agreement.Box truth = new Agreement.Box(d.category(), d.x() / d.width(), d.y() / d.height(),
          (d.x() + d.w()) / d.width(), (d.y() + d.h()) / d.height());
      boolean boxed = false;
      for (JsonNode a : answer.path("annotations")) {
        int confidence = a.path("categories").path(0).path("confidence").asInt(-1);
        assertTrue(confidence >= 50 && confidence <= 100, d.photo() + ": confidence " + confidence);
        Agreement.Box box = Agreement.boxes(Api.object().set("annotations", Api.array().add(a))).getFirst();
        boxed |= box.category().equals(d.category()) && box.iou(truth) >= 0.5;
      }
      assertTrue(boxed, d.photo() + ": no " + d.category() + " box over the drawn one in " + answer);
    }

    // the human confirms the detector's boxes on dog.jpg: the prediction's inference mark is 1
    String dog = ids.get("dog.jpg");
    Response l = admin.post("/api/v1/projects/" + project + "/labels", Api.object().put("assetId", dog).put("labelType", "DEFAULT")
        .set("jsonResponse", predicted.get(dog).path("jsonResponse")));
    assertEquals(201, l.status(), l.text());
    JsonNode marks = admin.get("/api/v1/projects/" + project + "/inference-marks").body().path("items");
    assertEquals(1, marks.size(), marks.toString());
    assertEquals(1.0, marks.get(0).path("inferenceMark").asDouble(), 1e-9);

    // no person boxes once PERSON is mapped to nothing: the unlabeled photos are annotated again
    Response s = admin.patch("/api/v1/projects/" + project + "/learning", "{\"detector\":{\"classes\":{\"PERSON\":null}}}");
    assertEquals(200, s.status(), s.text());
    assertTrue(s.body().path("detector").path("classes").has("PERSON"), s.text());
    JsonNode person = within(Duration.ofSeconds(30), () -> {
      Map<String, JsonNode> p = predictions(project, DRAWN.size());
      return p == null ? null : p.get(ids.get("person.jpg"));
    }, "new prediction for person.jpg");
    assertTrue(person.path("jsonResponse").path("OBJECTS").path("annotations").size() > 0, "the dog and horse are still boxed");
    assertTrue(!person.path("jsonResponse").toString().contains("\"PERSON\""), person.toString());
  }

  @Test
  void boxesOfCategoriesTheDetectorDoesNotKnowAreLearnedFromLabeledBoxesAndMarkedAgainstHumanBoxes() throws Exception {
    String project = project(DemoShapes.SHAPES.toArray(String[]::new));
    Response r = ServerContract.uploadZip(admin, app.adminApiKey(), project, DemoShapes.cocoZip(20, 12), "coco", "");
    assertEquals(201, r.status(), r.text());
    Map<String, List<Agreement.Box>> truth = shapes(DemoShapes.cocoZip(20, 20)); // the boxes of all 20, by file name
    Map<String, String> names = new HashMap<>();
    admin.get("/api/v1/projects/" + project + "/assets?limit=100").body().path("items")
        .forEach(a -> names.put(a.path("id").asText(), a.path("externalId").asText().replaceAll(".*/", "")));
    assertEquals(202, admin.post("/api/v1/projects/" + project + "/models/train", "{}").status());
    JsonNode model = within(Duration.ofSeconds(300), () -> {
      for (JsonNode j : admin.get("/api/v1/projects/" + project + "/training-jobs").body().path("items")) {
        if (List.of("QUEUED", "RUNNING").contains(j.path("status").asText())) return null;
      }
      JsonNode items = admin.get("/api/v1/projects/" + project + "/models").body().path("items");
      return items.isEmpty() ? null : items.get(0);
    }, "model trained on the boxes, no training left");
    JsonNode card = model.path("card");
    assertEquals("object-detection", card.path("task").asText(), card.toString());
    assertEquals(12, card.path("labeledImages").asInt(), card.toString());
    assertTrue(card.path("trainingCrops").path("CIRCLE").asInt() > 0, card.toString());
    String version = model.path("modelVersion").asText();

    Map<String, JsonNode> predicted = new HashMap<>();
    admin.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=100").body().path("items")
        .forEach(l -> predicted.put(l.path("assetId").asText(), l));
    assertEquals(8, predicted.size(), "one prediction per unlabeled image");
    int found = 0, shapes = 0;
    for (Map.Entry<String, JsonNode> e : predicted.entrySet()) {
      assertEquals(version, e.getValue().path("modelVersion").asText());
      List<Agreement.Box> boxes = Agreement.boxes(e.getValue().path("jsonResponse").path("OBJECTS"));
      for (Agreement.Box t : truth.get(names.get(e.getKey()))) {
        shapes++;
        if (boxes.stream().anyMatch(b -> b.category().equals(t.category()) && b.iou(t) >= 0.5)) found++;
      }
    }
    assertTrue(found >= shapes / 2, found + " of " + shapes + " shapes boxed with their category: " + predicted.values());

    // a human draws the true boxes on one predicted image: the prediction's inference mark is the boxes' agreement
    String asset = predicted.keySet().iterator().next();
    ObjectNode human = Api.object();
    ArrayNode annotations = human.putObject("OBJECTS").putArray("annotations");
    for (Agreement.Box t : truth.get(names.get(asset))) BoxAnswers.rectangle(annotations, t.category(), t.minX(), t.minY(), t.maxX(), t.maxY());
    Response l = admin.post("/api/v1/projects/" + project + "/labels", Api.object().put("assetId", asset).put("labelType", "DEFAULT")
        .set("jsonResponse", human));
    assertEquals(201, l.status(), l.text());
    JsonNode marks = admin.get("/api/v1/projects/" + project + "/inference-marks").body().path("items");
    assertEquals(1, marks.size(), marks.toString());
    double expected = Agreement.boxF1(truth.get(names.get(asset)),
        Agreement.boxes(predicted.get(asset).path("jsonResponse").path("OBJECTS")));
    assertEquals(expected, marks.get(0).path("inferenceMark").asDouble(), 1e-9, marks.toString());
  }

  /** The normalised boxes of a COCO zip's images, by file name. */
  private static Map<String, List<Agreement.Box>> shapes(byte[] zip) throws IOException {
    JsonNode coco = null;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().endsWith(".json")) coco = new ObjectMapper().readTree(in.readAllBytes());
      }
    }
    Map<Long, JsonNode> images = new HashMap<>();
    coco.path("images").forEach(i -> images.put(i.path("id").asLong(), i));
    Map<String, List<Agreement.Box>> out = new HashMap<>();
    for (JsonNode a : coco.path("annotations")) {
      JsonNode image = images.get(a.path("image_id").asLong()), b = a.path("bbox");
      double w = image.path("width").asDouble(), h = image.path("height").asDouble();
      String category = DemoShapes.SHAPES.get(a.path("category_id").asInt() - 1);
      out.computeIfAbsent(image.path("file_name").asText(), k -> new java.util.ArrayList<>()).add(new Agreement.Box(category,
          b.get(0).asDouble() / w, b.get(1).asDouble() / h, (b.get(0).asDouble() + b.get(2).asDouble()) / w,
          (b.get(1).asDouble() + b.get(3).asDouble()) / h));
    }
    return out;
  }

  @Test
  void onlyProjectsWithCategoriesTheDetectorKnowsArePreAnnotated() throws Exception {
    String known = project("CAR", "ANT"), unknown = project("ANT", "BEE");
    byte[] black = BoxesApiContract.image("png", 320, 240);
    Map<String, String> ids = importImages(known, "a.png", black, "b.png", black);
    importImages(unknown, "a.png", black);
    Map<String, JsonNode> predicted = within(Duration.ofSeconds(30), () -> predictions(known, 2), "prediction for both images");
    for (String id : ids.values()) {
      assertEquals(0, predicted.get(id).path("jsonResponse").path("OBJECTS").path("annotations").size(), "nothing on a black image");
    }
    Thread.sleep(2_000); // a poll of the worker
    assertEquals(0, admin.get("/api/v1/projects/" + unknown + "/labels?type=PREDICTION").body().path("items").size());

    JsonNode settings = admin.get("/api/v1/projects/" + known + "/learning").body();
    assertEquals("car", settings.at("/detectorMatches/CAR").asText(), "the settings screen shows each category's match by name");
    assertTrue(settings.at("/detectorMatches/ANT").isNull(), settings.toString());
    assertEquals(80, settings.get("cocoClasses").size());
    Response bad = admin.patch("/api/v1/projects/" + known + "/learning", "{\"detector\":{\"classes\":{\"ANT\":\"insect\"}}}");
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.text().contains("detector.classes.ANT"), bad.text());
    assertEquals(400, admin.patch("/api/v1/projects/" + known + "/learning", "{\"detector\":{\"classes\":{\"NOPE\":\"dog\"}}}").status());
  }
}
