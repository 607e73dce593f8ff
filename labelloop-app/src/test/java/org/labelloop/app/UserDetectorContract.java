package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.core.io.BoxAnswers;
import org.labelloop.core.learning.DetectionWorker;
import org.labelloop.core.quality.Agreement;
import org.labelloop.store.testing.TestDetectors;

/**
 * A team's own ONNX detector over real HTTP: built by the test ({@link TestDetectors}), set in the project's learning
 * settings through the REST API, it pre-annotates imported images instead of the shipped one, its boxes given to the
 * category mapped to its class; a file that is no such detector, or a caller who is not the project's admin, is refused
 * and changes nothing. Subclasses pick the database.
 */
abstract class UserDetectorContract extends DetectionServer {
  /** A square drawn on a picture, in pixels: on the detector's cell grid once letterboxed. */
  private record Drawn(String file, int width, int height, int x, int y, int side) {
    byte[] png() { return TestDetectors.squareOnBlack(width, height, x, y, side); }

    Agreement.Box box(String category) {
      return new Agreement.Box(category, x / (double) width, y / (double) height, (x + side) / (double) width, (y + side) / (double) height);
    }
  }

  // 64x48 is letterboxed at scale 0.5 with 4 rows of black above: its square lands on cell (2, 1)
  private static final List<Drawn> DRAWN = List.of(new Drawn("wide.png", 64, 48, 32, 8, 16), new Drawn("corner.png", 64, 64, 0, 48, 16));

  Path model;

  @BeforeAll
  void writeModel() throws IOException {
    model = Files.write(data.resolve("tiles.onnx"), TestDetectors.brightCells());
  }

  private Map<String, String> importDrawn(String project, List<Drawn> drawn) throws Exception {
    Object[] files = new Object[2 * drawn.size()];
    for (int i = 0; i < drawn.size(); i++) {
      files[2 * i] = drawn.get(i).file();
      files[2 * i + 1] = drawn.get(i).png();
    }
    return importImages(project, files);
  }

  /** A project with a Tile category (no COCO class, mapped to the model's "square") and a Car (a COCO class the model lacks). */
  private String project() {
    ObjectNode body = Api.object().put("title", "tiles").put("inputType", "IMAGE");
    ObjectNode cats = body.putObject("jsonInterface").putObject("jobs").putObject("OBJECTS").put("mlTask", "OBJECT_DETECTION")
        .putObject("content").put("input", "radio").putObject("categories");
    cats.putObject("TILE").put("name", "Tile");
    cats.putObject("CAR").put("name", "car");
    Response r = admin.post("/api/v1/projects", body);
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }

  private ObjectNode ownDetector(Path file, String... names) {
    ObjectNode detector = Api.object().put("minScore", 0.5);
    detector.putObject("classes").put("TILE", "square");
    ObjectNode m = detector.putObject("model").put("path", file.toString()).put("width", TestDetectors.SIZE).put("height", TestDetectors.SIZE);
    for (String n : names) m.withArray("names").add(n);
    return Api.object().set("detector", detector);
  }

  /** The predictions by asset id once each of {@code ids} has one tagged {@code version} (a prefix), else null. */
  private Map<String, JsonNode> predictions(String project, Iterable<String> ids, String version) {
    Map<String, JsonNode> byAsset = new HashMap<>();
    admin.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=100").body().path("items")
        .forEach(l -> byAsset.put(l.path("assetId").asText(), l));
    for (String id : ids) {
      if (!byAsset.containsKey(id) || !byAsset.get(id).path("modelVersion").asText().startsWith(version)) return null;
    }
    return byAsset;
  }

  @Test
  void aTeamsOwnDetectorSetThroughTheApiBoxesImportedImagesWithTheMappedCategory() throws Exception {
    String project = project();
    Response set = admin.patch("/api/v1/projects/" + project + "/learning", ownDetector(model, "square", "other"));
    assertEquals(200, set.status(), set.text());
    assertEquals(List.of("square", "other"), Api.JSON.convertValue(set.body().at("/detector/model/names"), List.class));
    JsonNode byName = admin.get("/api/v1/projects/" + project + "/learning").body().path("detectorMatches");
    assertTrue(byName.path("CAR").isNull(), "car is a COCO class but not one of this model's: " + byName);

    Map<String, String> ids = importDrawn(project, DRAWN);

    Map<String, JsonNode> predicted = within(Duration.ofSeconds(30), () -> predictions(project, ids.values(), "onnx:tiles.onnx@"),
        "prediction of the team's detector for every image");
    for (Drawn d : DRAWN) {
      JsonNode annotations = predicted.get(ids.get(d.file())).path("jsonResponse").path("OBJECTS").path("annotations");
      assertEquals(1, annotations.size(), d.file() + ": " + annotations);
      assertEquals(90, annotations.get(0).path("categories").path(0).path("confidence").asInt(), "the square's brightness 230/255");
      Agreement.Box box = Agreement.boxes(Api.object().set("annotations", annotations)).getFirst();
      assertEquals("TILE", box.category());
      assertTrue(box.iou(d.box("TILE")) >= 0.9, d.file() + ": " + box + " is not over the drawn square " + d.box("TILE"));
    }

    // back to the shipped detector: the unlabeled images' boxes are made again by it (no car on a black picture)
    Response shipped = admin.patch("/api/v1/projects/" + project + "/learning", "{\"detector\":{\"model\":null}}");
    assertEquals(200, shipped.status(), shipped.text());
    Map<String, JsonNode> again = within(Duration.ofSeconds(60), () -> predictions(project, ids.values(), DetectionWorker.SHIPPED_VERSION),
        "the shipped detector's predictions");
    for (String id : ids.values()) assertEquals(0, again.get(id).path("jsonResponse").path("OBJECTS").path("annotations").size());
  }

  @Test
  void theCropClassifierRelabelsTheTeamsDetectorsBoxesAndItsCardNamesIt() throws Exception {
    String project = project();
    ObjectNode settings = ownDetector(model, "square", "other").put("minLabels", 2);
    assertEquals(200, admin.patch("/api/v1/projects/" + project + "/learning", settings).status());
    List<Drawn> drawn = List.of(DRAWN.get(0), DRAWN.get(1), new Drawn("third.png", 64, 64, 16, 32, 16));
    Map<String, String> ids = importDrawn(project, drawn);
    for (Drawn d : drawn.subList(0, 2)) {
      ObjectNode human = Api.object();
      Agreement.Box b = d.box("TILE");
      BoxAnswers.rectangle(human.putObject("OBJECTS").putArray("annotations"), "TILE", b.minX(), b.minY(), b.maxX(), b.maxY());
      Response l = admin.post("/api/v1/projects/" + project + "/labels", Api.object().put("assetId", ids.get(d.file()))
          .put("labelType", "DEFAULT").set("jsonResponse", human));
      assertEquals(201, l.status(), l.text());
    }
    assertEquals(202, admin.post("/api/v1/projects/" + project + "/models/train", "{}").status());
    JsonNode card = within(Duration.ofSeconds(300), () -> {
      JsonNode items = admin.get("/api/v1/projects/" + project + "/models").body().path("items");
      return items.isEmpty() ? null : items.get(0).path("card");
    }, "model trained on the boxes");
    assertTrue(card.path("detector").asText().startsWith("onnx:tiles.onnx@"), card.toString());
    assertEquals("square", card.at("/categoriesKeptFromDetector/TILE").asText(), card.toString());
    JsonNode third = within(Duration.ofSeconds(30), () -> {
      for (JsonNode l : admin.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=100").body().path("items")) {
        if (l.path("assetId").asText().equals(ids.get("third.png")) && !l.path("modelVersion").asText().startsWith("onnx:")) return l;
      }
      return null;
    }, "the trained model's prediction of the unlabeled image");
    Agreement.Box box = Agreement.boxes(third.path("jsonResponse").path("OBJECTS")).getFirst();
    assertTrue(box.category().equals("TILE") && box.iou(drawn.get(2).box("TILE")) >= 0.9, third.toString());
  }

  @Test
  void aFileThatIsNoSuchDetectorOrACallerWhoIsNotTheAdminIsRefusedAndChangesNothing() throws Exception {
    String project = project();
    Path garbage = Files.writeString(data.resolve("notes.onnx"), "not a model");
    Map<String, String> refused = Map.of(
        "cannot read", ownDetector(data.resolve("absent.onnx"), "square", "other").toString(),
        "not a model ONNX Runtime can load", ownDetector(garbage, "square", "other").toString(),
        "boxes of 3 classes", ownDetector(model, "square", "other", "third").toString(),
        "must be an absolute path", ownDetector(Path.of("tiles.onnx"), "square", "other").toString(),
        "detector.classes.TILE", ownDetector(model, "circle", "other").toString());
    for (Map.Entry<String, String> bad : refused.entrySet()) {
      Response r = admin.patch("/api/v1/projects/" + project + "/learning", bad.getValue());
      assertEquals(400, r.status(), r.text());
      assertTrue(r.text().contains(bad.getKey()) && r.text().contains("detector."), r.text());
      assertTrue(!r.text().contains("Exception"), "a clear message, no stack trace: " + r.text());
    }

    Response u = admin.post("/api/v1/users", Api.object().put("email", "labeler-" + System.nanoTime() + "@example.org").put("name", "L")
        .put("password", "a long enough password"));
    assertEquals(201, u.status(), u.text());
    String key = admin.post("/api/v1/users/" + u.body().path("id").asText() + "/api-keys", Api.object().put("name", "t")).body().path("key").asText();
    assertEquals(201, admin.post("/api/v1/projects/" + project + "/members",
        Api.object().put("userId", u.body().path("id").asText()).put("role", "LABELER")).status());
    assertEquals(403, admin.as(key).patch("/api/v1/projects/" + project + "/learning", ownDetector(model, "square", "other")).status());

    assertTrue(admin.get("/api/v1/projects/" + project + "/learning").body().at("/detector/model").isNull(), "still the shipped detector");
  }
}
