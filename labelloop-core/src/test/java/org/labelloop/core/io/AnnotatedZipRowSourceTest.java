package org.labelloop.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.core.io.BoxConvertersTest.boxJob;
import static org.labelloop.core.io.BoxConvertersTest.image;
import static org.labelloop.core.io.ZipRowSourceTest.zip;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.InputType;

class AnnotatedZipRowSourceTest {
  static List<ParsedRow> read(byte[] zip, AnnotatedZipRowSource.Annotations annotations) throws IOException {
    List<ParsedRow> rows = new ArrayList<>();
    try (AnnotatedZipRowSource source = new AnnotatedZipRowSource(new ByteArrayInputStream(zip), new ZipRowSourceTest.MemoryStaging(), InputType.IMAGE, ImportLimits.DEFAULT, annotations)) {
      for (ParsedRow r = source.next(); r != null; r = source.next()) {
        rows.add(r);
      }
    }
    return rows;
  }

  static JsonNode vertex(ParsedRow row, int box, int vertex) {
    return row.answer().path("BOXES").path("annotations").get(box).path("boundingPoly").get(0).path("normalizedVertices").get(vertex);
  }

  static final String COCO = """
      {"images": [{"id": 7, "file_name": "a.png", "width": 200, "height": 100}],
       "annotations": [
         {"id": 1, "image_id": 7, "category_id": 3, "bbox": [20, 10, 60, 40]}
       ],
       "categories": [{"id": 3, "name": "person"}]}
      """;

  @Test
  void cocoBoxesBecomeTheImageAnswerAndAnUnlistedImageStaysUnlabeled() throws IOException {
    List<ParsedRow> rows = read(zip("coco.json", COCO, "images/a.png", image("png", 200, 100), "b.png", image("png", 5, 5)), new CocoAnnotations(boxJob()));
    assertEquals(2, rows.size(), rows.toString());
    ParsedRow a = rows.getFirst();
    assertEquals("images/a.png", a.draft().externalId());
    assertEquals("PERSON", a.answer().path("BOXES").path("annotations").get(0).path("categories").get(0).path("name").asText());
    assertEquals(0.1, vertex(a, 0, 1).path("x").asDouble(), 1e-12);
    assertEquals(0.5, vertex(a, 0, 3).path("y").asDouble(), 1e-12);
    assertEquals(200, a.draft().metadata().path("width").asInt());
    ParsedRow b = rows.get(1);
    assertNull(b.answer());
    assertNull(b.error());
    assertEquals(5, b.draft().metadata().path("height").asInt());
  }

  @Test
  void cocoProblemsNameTheFileTheLineAndTheItem() throws IOException {
    String coco = """
        {"images": [{"id": 1, "file_name": "a.png", "width": 200, "height": 100},
                    {"id": 2, "file_name": "missing.png", "width": 10, "height": 10},
                    {"id": 3, "file_name": "c.png", "width": 200, "height": 100}],
         "annotations": [
           {"id": 1, "image_id": 1, "category_id": 9, "bbox": [1, 1, 5, 5]},
           {"id": 2, "image_id": 1, "category_id": 1, "bbox": [190, 1, 50, 5]},
           {"id": 3, "image_id": 3, "category_id": 1, "bbox": [1, 1, 5, 5]}
         ],
         "categories": [{"id": 1, "name": "car"}, {"id": 9, "name": "zebra"}]}
        """;
    List<ParsedRow> rows = read(zip("a.png", image("png", 200, 100), "c.png", image("png", 200, 100), "ann/coco.json", coco), new CocoAnnotations(boxJob()));
    List<String> errors = rows.stream().filter(r -> r.error() != null).map(r -> r.line() + ": " + r.error()).toList();
    assertEquals(List.of(
        "2: ann/coco.json images[1]: the image 'missing.png' is not in the zip",
        "5: ann/coco.json annotations[0]: unknown category 'zebra' (image 'a.png') (categories of job BOXES: [CAR, PERSON])",
        "6: ann/coco.json annotations[1]: the box [x=190.0, y=1.0, w=50.0, h=5.0] is outside the 200x100 image (image 'a.png')"), errors);
    assertEquals(List.of("c.png"), rows.stream().filter(r -> r.answer() != null).map(r -> r.draft().externalId()).toList());
  }

  @Test
  void cocoSizeThatDisagreesWithTheImageHeaderIsAnError() throws IOException {
    List<ParsedRow> rows = read(zip("a.png", image("png", 100, 100), "coco.json", COCO.replace("images/a.png", "a.png")), new CocoAnnotations(boxJob()));
    assertTrue(rows.getFirst().error().contains("says 200x100, but 'a.png' is 100x100"), rows.toString());
  }

  @Test
  void cocoWithoutWidthAndHeightTakesThemFromTheImageHeaderElseSaysTheyAreMissing() throws IOException {
    String coco = """
        {"images": [{"id": 1, "file_name": "a.png"}, {"id": 2, "file_name": "b.webp"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 100, 50]}],
         "categories": [{"id": 1, "name": "car"}]}
        """;
    byte[] webpLike = "RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    List<ParsedRow> rows = read(zip("a.png", image("png", 200, 100), "b.webp", webpLike, "coco.json", coco), new CocoAnnotations(boxJob()));
    assertEquals(0.5, vertex(rows.getFirst(), 0, 0).path("y").asDouble(), 1e-12);
    assertEquals("1: coco.json images[1]: the width and height of 'b.webp' are missing (not in the file, and its header cannot be read)",
        rows.get(1).line() + ": " + rows.get(1).error());
  }

  @Test
  void aZipWithoutACocoFileIsRejectedAsAWhole() {
    var e = assertThrows(LabelloopException.class, () -> read(zip("a.png", image("png", 2, 2)), new CocoAnnotations(boxJob())));
    assertTrue(e.getMessage().contains("no COCO JSON file"), e.getMessage());
  }

  @Test
  void yoloLabelFilesUnderLabelsGiveTheBoxesOfTheImagesUnderImages() throws IOException {
    byte[] zip = zip("classes.txt", "\uFEFFcar\r\nperson\r\n", "images/a.png", image("png", 200, 100), "labels/a.txt", "1 0.25 0.3 0.3 0.4\n\n0 0.5 0.5 1 1\n",
        "images/b.jpg", image("jpg", 10, 10), "labels/b.txt", "", "images/c.png", image("png", 10, 10));
    List<ParsedRow> rows = read(zip, new YoloAnnotations(boxJob()));
    assertEquals(3, rows.size(), rows.toString());
    ParsedRow a = rows.getFirst();
    assertEquals(2, a.answer().path("BOXES").path("annotations").size());
    assertEquals(0.1, vertex(a, 0, 1).path("x").asDouble(), 1e-12);
    assertEquals(0.5, vertex(a, 0, 3).path("y").asDouble(), 1e-12);
    assertEquals(0, rows.get(1).answer().path("BOXES").path("annotations").size(), "an empty label file: no object");
    assertNull(rows.get(2).answer(), "an image without a label file stays unlabeled");
  }

  @Test
  void yoloProblemsNameTheLabelFileAndItsLine() throws IOException {
    byte[] zip = zip("data.yaml", "names: [car, zebra]\n", "a.png", image("png", 100, 100),
        "a.txt", "0 0.5 0.5 0.2 0.2\n1 0.5 0.5 0.2 0.2\n0 0.9 0.5 0.4 0.2\n5 0.5 0.5 0.1 0.1\n0 0.5 0.5\n",
        "labels/ghost.txt", "0 0.5 0.5 0.1 0.1\n");
    List<String> errors = read(zip, new YoloAnnotations(boxJob())).stream().map(r -> r.line() + ": " + r.error()).toList();
    assertEquals(5, errors.size(), errors.toString());
    assertTrue(errors.getFirst().startsWith("4: labels/ghost.txt: a label file without an image"), errors.toString());
    assertTrue(errors.get(1).startsWith("2: a.txt: unknown category 'zebra'"), errors.toString());
    assertTrue(errors.get(2).startsWith("3: a.txt: the box") && errors.get(2).contains("outside the 100x100 image"), errors.toString());
    assertEquals("4: a.txt: class 5 is not in data.yaml (it names 2 classes)", errors.get(3));
    assertTrue(errors.get(4).startsWith("5: a.txt: expected 'class cx cy w h'"), errors.toString());
  }

  @Test
  void yoloNeedsTheImageSizeFromItsHeader() throws IOException {
    byte[] webpLike = "RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    List<ParsedRow> rows = read(zip("classes.txt", "car", "a.webp", webpLike, "a.txt", "0 0.5 0.5 0.1 0.1"), new YoloAnnotations(boxJob()));
    assertEquals(1, rows.size());
    assertTrue(rows.getFirst().error().contains("'a.webp': its width and height cannot be read"), rows.toString());
  }
}
