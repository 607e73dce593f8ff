package org.labelloop.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;

class BoxConvertersTest {
  static final ImageSize SIZE = new ImageSize(200, 100);

  static Job boxJob() {
    Map<String, Category> categories = new LinkedHashMap<>();
    categories.put("CAR", new Category("CAR", "car", null, null));
    categories.put("PERSON", new Category("PERSON", "person", null, null));
    return new Job("BOXES", MlTask.OBJECT_DETECTION, "", false, false, categories);
  }

  static byte[] image(String format, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
    return out.toByteArray();
  }

  @Test
  void yoloCentreFormAndPixelBoxConvertBothWays() {
    PixelBox box = PixelBox.fromYolo("CAR", 0.5, 0.25, 0.2, 0.1, SIZE);
    assertEquals(new PixelBox("CAR", 80, 20, 40, 10), box);
    assertArrayEquals(new double[] {0.5, 0.25, 0.2, 0.1}, box.yolo(SIZE), 1e-12);
  }

  @Test
  void kiliAnswerHoldsNormalizedRectangleVerticesThatReadBackAsTheSamePixels() {
    PixelBox box = new PixelBox("PERSON", 20, 10, 60, 40);
    JsonNode answer = BoxAnswers.answer(boxJob(), List.of(box), SIZE);
    JsonNode a = answer.path("BOXES").path("annotations").get(0);
    assertEquals("PERSON", a.path("categories").get(0).path("name").asText());
    JsonNode v = a.path("boundingPoly").get(0).path("normalizedVertices");
    assertEquals(4, v.size());
    assertEquals(0.1, v.get(1).path("x").asDouble(), 1e-12); // top-left
    assertEquals(0.1, v.get(1).path("y").asDouble(), 1e-12);
    assertEquals(0.4, v.get(3).path("x").asDouble(), 1e-12); // bottom-right
    assertEquals(0.5, v.get(3).path("y").asDouble(), 1e-12);
    assertEquals(List.of(box), BoxAnswers.boxes(answer.path("BOXES"), SIZE).stream()
        .map(b -> new PixelBox(b.category(), Math.round(b.x()), Math.round(b.y()), Math.round(b.width()), Math.round(b.height()))).toList());
  }

  @Test
  void aBoxPastTheEdgeByUnderAPixelIsClampedAndFurtherIsOutside() {
    PixelBox slightly = new PixelBox("CAR", -0.5, 10, 200.8, 20);
    assertNull(slightly.problem(SIZE));
    assertEquals(new PixelBox("CAR", 0, 10, 200, 20), slightly.clamped(SIZE));
    String outside = new PixelBox("CAR", 150, 10, 60, 20).problem(SIZE);
    assertTrue(outside != null && outside.contains("outside the 200x100 image"), outside);
    String empty = new PixelBox("CAR", 10, 10, 0, 20).problem(SIZE);
    assertTrue(empty != null && empty.contains("empty"), empty);
  }

  @Test
  void yoloLinesParseFiveNumbersAndSayWhatIsWrongOtherwise() {
    YoloLabels.Line ok = YoloLabels.parse("1 0.5 0.5 0.25 0.125");
    assertNull(ok.problem());
    assertEquals(1, ok.classIndex());
    assertEquals(0.125, ok.h());
    assertTrue(YoloLabels.parse("1 0.5 0.5 0.25").problem().contains("expected 'class cx cy w h'"));
    assertTrue(YoloLabels.parse("car 0.5 0.5 0.25 0.1").problem().contains("not a class index"));
    assertTrue(YoloLabels.parse("0 0.5 x 0.25 0.1").problem().contains("'x' is not a number"));
    assertTrue(YoloLabels.parse("0 0.5 NaN 0.25 0.1").problem().contains("not a number"));
    assertEquals("3 0.500000 0.250000 0.100000 0.050000", YoloLabels.format(3, new double[] {0.5, 0.25, 0.1, 0.05}));
  }

  @Test
  void classNamesComeFromClassesTxtOrAnyUltralyticsFormOfDataYamlNames() {
    assertEquals(List.of("car", "person"), YoloLabels.classesTxt("car\nperson\n\n"));
    assertEquals(List.of("car", "traffic light"), YoloLabels.yamlNames("path: x\nnames: ['car', 'traffic light']\nnc: 2\n"));
    assertEquals(List.of("car", "person"), YoloLabels.yamlNames("train: images\nnames:\n  - car\n  - \"person\"\nval: v\n"));
    assertEquals(List.of("car", "person"), YoloLabels.yamlNames("names:\n  1: person  # second\n  0: car\nnc: 2\n"));
    assertEquals(List.of(), YoloLabels.yamlNames("nc: 2\n"));
  }

  @Test
  void aLabelFileFindsItsImageBesideItOrUnderImagesForLabels() {
    assertEquals(Set.of("labels/train/a", "images/train/a", "train/a"), YoloAnnotations.imageStems("labels/train/a"));
    assertEquals(Set.of("a"), YoloAnnotations.imageStems("a"));
  }

  @Test
  void imageSizeIsReadFromPngJpegAndGifHeadersAndIsEmptyForOtherBytes() throws IOException {
    for (String format : List.of("png", "jpg", "gif")) {
      byte[] bytes = image(format, 37, 21);
      assertEquals(Optional.of(new ImageSize(37, 21)), ImageSize.read(bytes, bytes.length), format);
    }
    byte[] head = image("png", 640, 480);
    assertEquals(Optional.of(new ImageSize(640, 480)), ImageSize.read(head, 33)); // PNG's IHDR ends at byte 33
    assertEquals(Optional.empty(), ImageSize.read("not an image".getBytes(), 12));
  }
}
