package org.labelloop.learn.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.onnx.OnnxGraph;
import org.labelloop.learn.onnx.OnnxGraph.Attr;
import org.labelloop.learn.onnx.OnnxGraph.Tensor;

/** A team's own ONNX models, built here: an image encoder and a YOLO-style detector, end to end from image bytes. */
class UserModelsTest {

  /** Mean colour per channel: [N, 3, H, W] -> [N, 3]. */
  private static byte[] meanColourModel(long batch) {
    OnnxGraph g = new OnnxGraph("mean-colour");
    g.input("pixels", OnnxGraph.FLOAT, batch, 3, 16, 16);
    g.namedNode("Flatten", List.of(g.node("GlobalAveragePool", List.of("pixels"))), "embedding");
    g.output("embedding", OnnxGraph.FLOAT);
    return g.toBytes("test", Map.of());
  }

  @Test void embedsImagesWithTheUsersNormalisationAndLayout() {
    ImageInput in = new ImageInput(16, 16, true, true, new float[] {10, 20, 30}, new float[] {2, 4, 5});
    try (OnnxImageEncoder enc = new OnnxImageEncoder("mean-colour", meanColourModel(-1), in, List.of(), 2, 2)) {
      float[][] v = enc.embed(List.of(TestImages.solid(40, 30, new Color(200, 100, 50), "png"),
          "not an image".getBytes(StandardCharsets.UTF_8), TestImages.solid(8, 8, Color.WHITE, "bmp")));
      assertEquals(3, enc.dimension());
      // BGR order: blue (50-10)/2, green (100-20)/4, red (200-30)/5
      assertArrayEquals(new float[] {20, 20, 34}, v[0], 1e-4f);
      assertNull(v[1], "an undecodable file has no vector");
      assertArrayEquals(new float[] {122.5f, 58.75f, 45}, v[2], 1e-4f);
    }
  }

  @Test void feedsOneImageAtATimeToAModelWithABatchOfOne() {
    try (OnnxImageEncoder enc = new OnnxImageEncoder("b1", meanColourModel(1), ImageInput.unitRange(16, 16, true), List.of(), 8, 1)) {
      float[][] v = enc.embed(List.of(TestImages.solid(20, 20, Color.RED, "png"), TestImages.solid(20, 20, Color.BLUE, "png")));
      assertArrayEquals(new float[] {1, 0, 0}, v[0], 1e-6f);
      assertArrayEquals(new float[] {0, 0, 1}, v[1], 1e-6f);
    }
  }

  @Test void rejectsAModelThatDoesNotTakeTheStatedInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OnnxImageEncoder("bad", meanColourModel(-1), ImageInput.unitRange(16, 16, false), List.of(), 2, 1));
    assertTrue(e.getMessage().contains("16x16 NHWC"), e.getMessage());
  }

  /** YOLOv5 layout [1, boxes, 5 + classes]: two overlapping "cat" boxes and a weak "dog"; the input only feeds a 0. */
  private static byte[] yoloModel() {
    OnnxGraph g = new OnnxGraph("yolo");
    g.input("images", OnnxGraph.FLOAT, 1, 3, 32, 32);
    float[] boxes = {
        16, 16, 16, 8, 0.9f, 0.95f, 0.05f,
        17, 16, 16, 8, 0.8f, 0.9f, 0.1f,
        4, 20, 4, 4, 0.5f, 0.2f, 0.8f};
    String constant = g.initializer(Tensor.floats("boxes", new long[] {1, 3, 7}, boxes));
    String zero = g.node("Mul", List.of(g.node("ReduceMean", List.of("images"), Attr.i("keepdims", 0)),
        g.initializer(Tensor.floats("zero", new long[0], new float[] {0}))));
    g.namedNode("Add", List.of(constant, zero), "output0");
    g.output("output0", OnnxGraph.FLOAT);
    return g.toBytes("test", Map.of());
  }

  @Test void detectsWithAYoloStyleModelAndMapsBoxesBackThroughTheLetterbox() throws ImageDecodeException {
    try (OnnxDetector d = new OnnxDetector(yoloModel(), ImageInput.unitRange(32, 32, true), List.of("cat", "dog"))) {
      // 64x32 letterboxed into 32x32: scale 0.5, 8 rows of padding above
      List<Detection> found = d.detect(TestImages.solid(64, 32, Color.GRAY, "png"), 0.5);
      assertEquals(1, found.size(), found.toString());
      Detection cat = found.getFirst();
      assertEquals("cat", cat.label());
      assertEquals(0.855, cat.score(), 1e-6);
      assertEquals(16, cat.x(), 1e-6);
      assertEquals(8, cat.y(), 1e-6);
      assertEquals(32, cat.width(), 1e-6);
      assertEquals(16, cat.height(), 1e-6);
      assertEquals(2, d.detect(TestImages.solid(64, 32, Color.GRAY, "png"), 0.3).size(), "the dog at 0.4 is kept below 0.5");
    }
  }

  @Test void refusesADetectorWhoseOutputDoesNotFitItsClassesWhenLoaded() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OnnxDetector(yoloModel(), ImageInput.unitRange(32, 32, true), List.of("a", "b", "c", "d")));
    assertTrue(e.getMessage().contains("4 classes"), e.getMessage());
  }

  @Test void refusesADetectorThatDoesNotTakeTheStatedInputWhenLoaded() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OnnxDetector(yoloModel(), ImageInput.unitRange(32, 32, false), List.of("cat", "dog")));
    assertTrue(e.getMessage().contains("32x32 NHWC"), e.getMessage());
  }
}
