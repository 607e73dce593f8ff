package org.labelloop.learn.image;

import java.util.ArrayList;
import java.util.List;
import org.labelloop.learn.onnx.GuardedSession;

/**
 * A user's own YOLO-style detector: one output of shape [1, boxes, 4 + classes] or [1, 5 + classes, boxes] (YOLOv5
 * with an objectness score; YOLOv8 without, and transposed), boxes as centre x, centre y, width, height in input
 * pixels. The image is letterboxed as Ultralytics' models were trained; boxes are mapped back and suppressed per
 * class.
 */
public final class OnnxDetector implements ObjectDetector {
  private static final double NMS_IOU = 0.5;
  private static final int MAX_BOXES = 100;

  private final GuardedSession session;
  private final ImageInput input;
  private final List<String> classes;
  private final String inputName, outputName;

  public OnnxDetector(byte[] model, ImageInput input, List<String> classes) {
    if (classes.isEmpty()) throw new IllegalArgumentException("a detector needs the names of its classes");
    this.session = new GuardedSession(model, 1);
    this.input = input;
    this.classes = List.copyOf(classes);
    this.inputName = session.inputNames().iterator().next();
    this.outputName = session.outputNames().iterator().next();
    try {
      run(new float[input.size()], 1, new Picture(input.width(), input.height(), null, 1, 1, 0, 0));
    } catch (RuntimeException e) {
      close();
      throw new IllegalArgumentException("the model does not take a " + input + " image and give boxes of " + classes.size()
          + " classes: " + e.getMessage(), e);
    }
  }

  @Override public List<String> classes() { return classes; }

  @Override public List<Detection> detect(byte[] image, double minScore) throws ImageDecodeException {
    Picture p = Picture.letterbox(image, input.width(), input.height());
    float[] x = new float[input.size()];
    input.write(p.scaled(), x, 0);
    return run(x, minScore, p);
  }

  private List<Detection> run(float[] x, double minScore, Picture p) {
    long[] shape = input.channelsFirst() ? new long[] {1, 3, input.height(), input.width()} : new long[] {1, input.height(), input.width(), 3};
    return session.run(inputName, x, shape, r -> Nms.apply(decode(GuardedSession.floats(r, outputName),
        GuardedSession.shape(r, outputName), minScore, p), NMS_IOU, MAX_BOXES));
  }

  private List<Detection> decode(float[] v, long[] shape, double minScore, Picture p) {
    int nc = classes.size();
    if (shape.length != 3 || shape[0] != 1) throw new IllegalStateException("expected a detector output [1, a, b], got " + java.util.Arrays.toString(shape));
    int a = (int) shape[1], b = (int) shape[2];
    boolean rows = b == nc + 4 || b == nc + 5;
    if (!rows && a != nc + 4 && a != nc + 5)
      throw new IllegalStateException("the detector's output " + java.util.Arrays.toString(shape) + " does not fit " + nc + " classes");
    int boxes = rows ? a : b, width = rows ? b : a;
    boolean objectness = width == nc + 5;
    List<Detection> out = new ArrayList<>();
    for (int i = 0; i < boxes; i++) {
      final int box = i;
      java.util.function.IntToDoubleFunction at = k -> rows ? v[box * width + k] : v[k * boxes + box];
      double obj = objectness ? at.applyAsDouble(4) : 1;
      int first = objectness ? 5 : 4, best = 0;
      for (int c = 1; c < nc; c++) if (at.applyAsDouble(first + c) > at.applyAsDouble(first + best)) best = c;
      double score = obj * at.applyAsDouble(first + best);
      if (score < minScore || score > 1) continue;
      double cx = at.applyAsDouble(0), cy = at.applyAsDouble(1), w = at.applyAsDouble(2), h = at.applyAsDouble(3);
      double x1 = Math.max(0, (cx - w / 2 - p.offsetX()) / p.scaleX()), y1 = Math.max(0, (cy - h / 2 - p.offsetY()) / p.scaleY());
      double x2 = Math.min(p.width(), (cx + w / 2 - p.offsetX()) / p.scaleX()), y2 = Math.min(p.height(), (cy + h / 2 - p.offsetY()) / p.scaleY());
      if (x2 > x1 && y2 > y1) out.add(new Detection(classes.get(best), score, x1, y1, x2 - x1, y2 - y1));
    }
    return out;
  }

  @Override public void close() { session.close(); }
}
