package org.labelloop.learn.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression per class: keep the best box, drop same-class boxes overlapping it, repeat. */
final class Nms {
  private Nms() {}

  static List<Detection> apply(List<Detection> boxes, double iouThreshold, int max) {
    List<Detection> sorted = new ArrayList<>(boxes);
    sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
    List<Detection> kept = new ArrayList<>();
    for (Detection d : sorted) {
      if (kept.size() >= max) break;
      boolean suppressed = false;
      for (Detection k : kept) {
        if (k.label().equals(d.label()) && k.iou(d) > iouThreshold) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) kept.add(d);
    }
    return kept;
  }
}
