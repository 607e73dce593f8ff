package org.labelloop.learn.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression: keep the best box, drop the boxes overlapping it (per class or of any class), repeat. */
final class Nms {
  private Nms() {}

  static List<Detection> apply(List<Detection> boxes, double iouThreshold, int max) {
    return apply(boxes, iouThreshold, max, true);
  }

  /** As {@link #apply(List, double, int)}, a box suppressing overlapping boxes whatever their class. */
  static List<Detection> anyClass(List<Detection> boxes, double iouThreshold, int max) {
    return apply(boxes, iouThreshold, max, false);
  }

  private static List<Detection> apply(List<Detection> boxes, double iouThreshold, int max, boolean perClass) {
    List<Detection> sorted = new ArrayList<>(boxes);
    sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
    List<Detection> kept = new ArrayList<>();
    for (Detection d : sorted) {
      if (kept.size() >= max) break;
      boolean suppressed = false;
      for (Detection k : kept) {
        if ((!perClass || k.label().equals(d.label())) && k.iou(d) > iouThreshold) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) kept.add(d);
    }
    return kept;
  }
}
