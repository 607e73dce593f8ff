package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.app.MediaApiContract.zip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.store.testing.TestImages;

/**
 * Bounding boxes in and out as COCO and YOLO, over real HTTP against the real wiring: imports label the OBJECT_DETECTION
 * job with normalized boxes, exports give pixel boxes back, and an export imported again gives the same boxes.
 * Subclasses pick the database.
 */
abstract class BoxesApiContract extends ServerContract {

  /** A real PNG (or JPEG) of this size, so the server can read its header. */
  static byte[] image(String format, int width, int height) {
    return TestImages.encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format);
  }

  /** One box of a stored answer: category and normalized corners, rounded to 4 decimals for comparison. */
  record Box(String category, double minX, double minY, double maxX, double maxY) {
    static Box of(String category, double minX, double minY, double maxX, double maxY) {
      return new Box(category, r(minX), r(minY), r(maxX), r(maxY));
    }

    private static double r(double v) {
      return Math.round(v * 10_000) / 10_000.0;
    }
  }

  String boxProject() {
    Response r = admin.post("/api/v1/projects", "{\"title\":\"boxes\",\"inputType\":\"IMAGE\",\"jsonInterface\":{\"jobs\":{\"OBJECTS\":"
        + "{\"mlTask\":\"OBJECT_DETECTION\",\"content\":{\"input\":\"radio\",\"categories\":{\"CAR\":{\"name\":\"car\"},\"PERSON\":{\"name\":\"person\"}}}}}}}");
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }


  HttpResponse<byte[]> export(String project, String format) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/projects/" + project + "/export?format=" + format))
        .header("Authorization", "Bearer " + app.adminApiKey()).GET().build();
    HttpResponse<byte[]> res = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
    return res;
  }

  /** The assets of a project by externalId. */
  Map<String, JsonNode> assets(String project) {
    Response r = admin.get("/api/v1/projects/" + project + "/assets?limit=1000");
    assertEquals(200, r.status(), r.text());
    Map<String, JsonNode> byExternalId = new TreeMap<>();
    r.body().path("items").forEach(a -> byExternalId.put(a.path("externalId").asText(), a));
    return byExternalId;
  }

  /** The boxes of each labeled asset's stored label, by externalId. */
  Map<String, List<Box>> storedBoxes(String project) {
    Map<String, List<Box>> boxes = new TreeMap<>();
    for (var asset : assets(project).entrySet()) {
      Response labels = admin.get("/api/v1/projects/" + project + "/labels?assetId=" + asset.getValue().path("id").asText());
      for (JsonNode label : labels.body().path("items")) {
        List<Box> list = new ArrayList<>();
        for (JsonNode a : label.path("jsonResponse").path("OBJECTS").path("annotations")) {
          JsonNode v = a.path("boundingPoly").get(0).path("normalizedVertices");
          double[] xs = Stream.of(v.get(0), v.get(1), v.get(2), v.get(3)).mapToDouble(p -> p.path("x").asDouble()).toArray();
          double[] ys = Stream.of(v.get(0), v.get(1), v.get(2), v.get(3)).mapToDouble(p -> p.path("y").asDouble()).toArray();
          list.add(Box.of(a.path("categories").get(0).path("name").asText(), min(xs), min(ys), max(xs), max(ys)));
        }
        boxes.put(asset.getKey(), list);
      }
    }
    return boxes;
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElseThrow();
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElseThrow();
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  static final String COCO = """
      {"images": [{"id": 1, "file_name": "a.png", "width": 200, "height": 100},
                  {"id": 2, "file_name": "images/b.jpg", "width": 50, "height": 40}],
       "annotations": [
         {"id": 10, "image_id": 1, "category_id": 7, "bbox": [20, 10, 60, 40]},
         {"id": 11, "image_id": 1, "category_id": 8, "bbox": [100, 0, 100, 100]}
       ],
       "categories": [{"id": 7, "name": "person"}, {"id": 8, "name": "Car"}]}
      """;

  byte[] cocoZip() throws IOException {
    return zip("images/a.png", image("png", 200, 100), "images/b.jpg", image("jpg", 50, 40), "images/c.png", image("png", 30, 30),
        "annotations/instances.json", COCO);
  }

  static final Map<String, List<Box>> COCO_BOXES = Map.of(
      "images/a.png", List.of(Box.of("PERSON", 0.1, 0.1, 0.4, 0.5), Box.of("CAR", 0.5, 0, 1, 1)),
      "images/b.jpg", List.of());

  @Test
  void cocoImportLabelsEachListedImageWithItsBoxesNormalizedAndLeavesTheOthersUnlabeled() throws Exception {
    String p = boxProject();
    Response r = uploadZip(p, cocoZip(), "coco", "");
    assertEquals(201, r.status(), r.text());
    assertEquals(3, r.body().path("imported").asInt(), r.text());
    assertEquals(COCO_BOXES, storedBoxes(p));
    Map<String, JsonNode> assets = assets(p);
    assertEquals("LABELED", assets.get("images/a.png").path("status").asText());
    assertEquals("LABELED", assets.get("images/b.jpg").path("status").asText(), "listed without annotations: no object");
    assertEquals("TODO", assets.get("images/c.png").path("status").asText());
    assertEquals(30, assets.get("images/c.png").path("metadata").path("width").asInt());
  }

  @Test
  void aCocoZipCanBeTheRawRequestBodyWithTheFormatInTheQuery() throws Exception {
    String p = boxProject();
    HttpRequest req = HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/projects/" + p + "/assets?format=coco"))
        .header("Authorization", "Bearer " + app.adminApiKey()).header("Content-Type", "application/zip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(cocoZip())).build();
    HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(201, res.statusCode(), res.body());
    assertEquals(COCO_BOXES, storedBoxes(p));
  }

  @Test
  void yoloImportReadsLabelsBesideOrUnderLabelsWithNamesFromDataYaml() throws Exception {
    String p = boxProject();
    byte[] zip = zip("data.yaml", "path: .\nnames:\n  0: person\n  1: car\n",
        "images/train/a.png", image("png", 200, 100), "labels/train/a.txt", "0 0.25 0.3 0.3 0.4\n1 0.75 0.5 0.5 1.0\n",
        "b.jpg", image("jpg", 50, 40), "b.txt", "");
    Response r = uploadZip(p, zip, "yolo", "");
    assertEquals(201, r.status(), r.text());
    assertEquals(Map.of("images/train/a.png", COCO_BOXES.get("images/a.png"), "b.jpg", List.of()), storedBoxes(p));
  }

  @Test
  void cocoExportGivesPixelBoxesThatImportBackAsTheSameBoxes() throws Exception {
    String p = boxProject();
    assertEquals(201, uploadZip(p, cocoZip(), "coco", "").status());
    HttpResponse<byte[]> res = export(p, "coco");
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode coco = Api.JSON.readTree(res.body());
    assertEquals(2, coco.path("images").size(), coco.toString());
    JsonNode a = Stream.of(coco.path("images").get(0), coco.path("images").get(1)).filter(i -> i.path("file_name").asText().equals("images/a.png")).findFirst().orElseThrow();
    assertEquals(200, a.path("width").asInt());
    List<String> bboxes = new ArrayList<>();
    for (JsonNode ann : coco.path("annotations")) {
      if (ann.path("image_id").asInt() == a.path("id").asInt()) {
        String category = coco.path("categories").get(ann.path("category_id").asInt() - 1).path("name").asText();
        bboxes.add(category + " " + ann.path("bbox"));
      }
    }
    assertEquals(List.of("person [20.0,10.0,60.0,40.0]", "car [100.0,0.0,100.0,100.0]"), bboxes);

    String again = boxProject();
    byte[] zip = zip("images/a.png", image("png", 200, 100), "images/b.jpg", image("jpg", 50, 40), "export.json", res.body());
    assertEquals(201, uploadZip(again, zip, "coco", "").status());
    assertEquals(COCO_BOXES, storedBoxes(again));
  }

  @Test
  void yoloExportIsAZipOfLabelFilesAndClassesThatImportsBackAsTheSameBoxes() throws Exception {
    String p = boxProject();
    assertEquals(201, uploadZip(p, cocoZip(), "coco", "").status());
    HttpResponse<byte[]> res = export(p, "yolo");
    assertEquals("application/zip", res.headers().firstValue("Content-Type").orElse(""));
    Map<String, byte[]> files = unzip(res.body());
    assertEquals(List.of("labels/a.txt", "labels/b.txt", "classes.txt"), List.copyOf(files.keySet()));
    assertEquals("car\nperson\n", new String(files.get("classes.txt"), StandardCharsets.UTF_8));
    assertEquals("1 0.250000 0.300000 0.300000 0.400000\n0 0.750000 0.500000 0.500000 1.000000\n",
        new String(files.get("labels/a.txt"), StandardCharsets.UTF_8));
    assertEquals(0, files.get("labels/b.txt").length);

    String again = boxProject();
    byte[] zip = zip("images/a.png", image("png", 200, 100), "images/b.jpg", image("jpg", 50, 40),
        "labels/a.txt", files.get("labels/a.txt"), "labels/b.txt", files.get("labels/b.txt"), "classes.txt", files.get("classes.txt"));
    assertEquals(201, uploadZip(again, zip, "yolo", "").status());
    assertEquals(COCO_BOXES, storedBoxes(again));
  }

  @Test
  void exportReadsTheSizeFromTheStoredFileOfAnImageWhoseMetadataLacksIt() throws Exception {
    String p = boxProject();
    assertEquals(201, uploadZip(p, cocoZip(), "coco", "").status());
    // as for images imported before their size was kept in the metadata
    try (Connection db = DriverManager.getConnection(jdbcUrl);
        PreparedStatement update = db.prepareStatement("UPDATE assets SET metadata = ? WHERE id = ?")) {
      for (JsonNode asset : assets(p).values()) {
        update.setString(1, ((ObjectNode) asset.path("metadata")).without(List.of("width", "height")).toString());
        update.setLong(2, asset.path("id").asLong());
        update.executeUpdate();
      }
    }
    assertTrue(assets(p).values().stream().noneMatch(a -> a.path("metadata").has("width")));
    JsonNode coco = Api.JSON.readTree(export(p, "coco").body());
    assertEquals("[{\"id\":1,\"file_name\":\"images/a.png\",\"width\":200,\"height\":100},"
        + "{\"id\":2,\"file_name\":\"images/b.jpg\",\"width\":50,\"height\":40}]", coco.path("images").toString());
    assertEquals("[20.0,10.0,60.0,40.0]", coco.path("annotations").get(0).path("bbox").toString());
  }

  @Test
  void badCocoBoxesAreReportedByFileAndLineAndKeepNothingOrOnlyTheGoodImagesOnSkip() throws Exception {
    String p = boxProject();
    String coco = """
        {"images": [{"id": 1, "file_name": "good.png", "width": 20, "height": 20},
                    {"id": 2, "file_name": "bad.png", "width": 20, "height": 20}],
         "annotations": [
           {"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10]},
           {"id": 2, "image_id": 2, "category_id": 2, "bbox": [0, 0, 10, 10]},
           {"id": 3, "image_id": 2, "category_id": 1, "bbox": [15, 15, 10, 10]}
         ],
         "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "bicycle"}]}
        """;
    byte[] zip = zip("good.png", image("png", 20, 20), "bad.png", image("png", 20, 20), "coco.json", coco);
    Response rejected = uploadZip(p, zip, "coco", "");
    assertEquals(400, rejected.status(), rejected.text());
    String details = rejected.body().path("error").path("details").toString();
    assertTrue(details.contains("line 5: coco.json annotations[1]: unknown category 'bicycle' (image 'bad.png')"), details);
    assertTrue(details.contains("line 6: coco.json annotations[2]: the box") && details.contains("outside the 20x20 image"), details);
    assertEquals(Map.of(), assets(p));
    assertEquals(0, storedFileCount(p));

    Response skipped = uploadZip(p, zip, "coco", "?onError=skip");
    assertEquals(201, skipped.status(), skipped.text());
    assertEquals(1, skipped.body().path("imported").asInt(), skipped.text());
    assertEquals(2, skipped.body().path("rejected").asInt(), skipped.text());
    assertEquals(Map.of("good.png", List.of(Box.of("CAR", 0, 0, 0.5, 0.5))), storedBoxes(p));
    assertEquals(1, storedFileCount(p));
  }

  @Test
  void badYoloFilesAreReportedByFileAndLineAndKeepNothingOrOnlyTheGoodImagesOnSkip() throws Exception {
    String p = boxProject();
    byte[] zip = zip("classes.txt", "car\nperson\n", "images/good.png", image("png", 20, 20), "labels/good.txt", "1 0.5 0.5 0.5 0.5\n",
        "images/bad.png", image("png", 20, 20), "labels/bad.txt", "0 0.5 0.5 0.5 0.5\n0 0.5 0.5 0.5\n", "labels/orphan.txt", "0 0.5 0.5 0.1 0.1\n");
    Response rejected = uploadZip(p, zip, "yolo", "");
    assertEquals(400, rejected.status(), rejected.text());
    String details = rejected.body().path("error").path("details").toString();
    assertTrue(details.contains("line 2: labels/bad.txt: expected 'class cx cy w h', got 4 value(s)"), details);
    assertTrue(details.contains("labels/orphan.txt: a label file without an image"), details);
    assertEquals(Map.of(), assets(p));

    Response skipped = uploadZip(p, zip, "yolo", "?onError=skip");
    assertEquals(201, skipped.status(), skipped.text());
    assertEquals(Map.of("images/good.png", List.of(Box.of("PERSON", 0.25, 0.25, 0.75, 0.75))), storedBoxes(p));
  }

  @Test
  void aZipWithoutItsAnnotationFilesIsRejectedWhole() throws Exception {
    String p = boxProject();
    Response coco = uploadZip(p, zip("a.png", image("png", 10, 10)), "coco", "?onError=skip");
    assertEquals(400, coco.status(), coco.text());
    assertTrue(coco.text().contains("no COCO JSON file"), coco.text());
    Response yolo = uploadZip(p, zip("a.png", image("png", 10, 10), "a.txt", "0 0.5 0.5 0.1 0.1"), "yolo", "?onError=skip");
    assertEquals(400, yolo.status(), yolo.text());
    assertTrue(yolo.text().contains("classes.txt"), yolo.text());
    assertEquals(Map.of(), assets(p));
    assertEquals(0, storedFileCount(p));
  }

  @Test
  void boxFormatsNeedAnObjectDetectionJob() throws Exception {
    Response r = admin.post("/api/v1/projects", "{\"title\":\"no boxes\",\"inputType\":\"IMAGE\",\"jsonInterface\":{\"jobs\":{\"J\":"
        + "{\"mlTask\":\"CLASSIFICATION\",\"content\":{\"input\":\"radio\",\"categories\":{\"A\":{\"name\":\"a\"}}}}}}}");
    String p = r.body().path("id").asText();
    Response rejected = uploadZip(p, cocoZip(), "coco", "");
    assertEquals(400, rejected.status(), rejected.text());
    assertTrue(rejected.text().contains("OBJECT_DETECTION"), rejected.text());
    assertEquals(400, admin.get("/api/v1/projects/" + p + "/export?format=yolo").status());
  }

  /** The files stored for the project (on disk here; in the database on PostgreSQL). */
  long storedFileCount(String project) throws Exception {
    var dir = data.resolve("files").resolve(project);
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
