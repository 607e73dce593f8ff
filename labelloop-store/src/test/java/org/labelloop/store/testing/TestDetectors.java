package org.labelloop.store.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.onnx.OnnxGraph;
import org.labelloop.learn.onnx.OnnxGraph.Attr;
import org.labelloop.learn.onnx.OnnxGraph.Tensor;

/**
 * A team's own YOLO-style ONNX detector, built by the tests: a {@value #SIZE}×{@value #SIZE} RGB input in 0..1 cut in
 * cells of {@value #CELL} pixels, each cell a box of class {@code square} scored by its mean brightness and of class
 * {@code other} scored 0, in YOLOv8's layout [1, boxes, 4 + classes]. A light square on a black picture, on the cell
 * grid after the letterbox, is found where it is.
 */
public final class TestDetectors {
  public static final int SIZE = 32, CELL = 8;
  public static final List<String> CLASSES = List.of("square", "other");

  private TestDetectors() {}

  public static byte[] brightCells() {
    int side = SIZE / CELL, cells = side * side;
    OnnxGraph g = new OnnxGraph("bright-cells");
    g.input("images", OnnxGraph.FLOAT, 1, 3, SIZE, SIZE);
    float[] mean = new float[3 * CELL * CELL];
    Arrays.fill(mean, 1f / mean.length);
    String brightness = g.node("Conv", List.of("images", g.initializer(Tensor.floats("mean", new long[] {1, 3, CELL, CELL}, mean))),
        Attr.ints("kernel_shape", CELL, CELL), Attr.ints("strides", CELL, CELL));
    String scores = g.node("Reshape", List.of(brightness, g.initializer(Tensor.longs("cells", new long[] {3}, 1, cells, 1))));
    String zeros = g.node("Mul", List.of(scores, g.initializer(Tensor.floats("zero", new long[0], new float[] {0}))));
    float[] boxes = new float[4 * cells];
    for (int i = 0; i < cells; i++) {
      boxes[4 * i] = (i % side + 0.5f) * CELL;
      boxes[4 * i + 1] = (i / side + 0.5f) * CELL;
      boxes[4 * i + 2] = CELL;
      boxes[4 * i + 3] = CELL;
    }
    String centres = g.initializer(Tensor.floats("boxes", new long[] {1, cells, 4}, boxes));
    g.namedNode("Concat", List.of(centres, scores, zeros), "output0", Attr.i("axis", 2));
    g.output("output0", OnnxGraph.FLOAT);
    return g.toBytes("labelloop-tests", Map.of());
  }

  /** A black {@code width}×{@code height} PNG with a light grey square at ({@code x}, {@code y}) of side {@code side}. */
  public static byte[] squareOnBlack(int width, int height, int x, int y, int side) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(230, 230, 230));
    g.fillRect(x, y, side, side);
    g.dispose();
    return TestImages.encode(img, "png");
  }
}
