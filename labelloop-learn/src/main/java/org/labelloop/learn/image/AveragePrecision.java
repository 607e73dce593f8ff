package org.labelloop.learn.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mean average precision of detections against ground-truth boxes at one IoU threshold (PASCAL VOC 2010+ and COCO's
 * AP@0.5 protocol): per class, detections of all images ranked by score, each a true positive when it overlaps a
 * not-yet-matched ground-truth box of its class and image by at least the threshold; AP is the area under the
 * precision-recall curve with precision made monotone (all-point interpolation, Everingham et al., IJCV 2010).
 * The mean is over the classes that have ground truth.
 */
public final class AveragePrecision {
  private AveragePrecision() {}

  /** @param truth and @param found map an image id to its boxes ({@link Detection#score()} of truth is ignored) */
  public static double mean(Map<String, List<Detection>> truth, Map<String, List<Detection>> found, double iou) {
    Set<String> classes = new TreeSet<>();
    truth.values().forEach(l -> l.forEach(d -> classes.add(d.label())));
    if (classes.isEmpty()) throw new IllegalArgumentException("no ground-truth boxes");
    double sum = 0;
    for (String c : classes) sum += ofClass(c, truth, found, iou);
    return sum / classes.size();
  }

  static double ofClass(String label, Map<String, List<Detection>> truth, Map<String, List<Detection>> found, double iou) {
    record Hit(String image, Detection d) {}
    List<Hit> ranked = new ArrayList<>();
    found.forEach((img, ds) -> ds.stream().filter(d -> d.label().equals(label)).forEach(d -> ranked.add(new Hit(img, d))));
    ranked.sort(Comparator.comparingDouble((Hit h) -> h.d.score()).reversed());
    long positives = truth.values().stream().flatMap(List::stream).filter(d -> d.label().equals(label)).count();
    record Truth(String image, int index) {} // equal boxes of different images are different objects
    Set<Truth> matched = new HashSet<>();
    double[] precision = new double[ranked.size()], recall = new double[ranked.size()];
    int tp = 0;
    for (int i = 0; i < ranked.size(); i++) {
      Hit h = ranked.get(i);
      List<Detection> boxes = truth.getOrDefault(h.image, List.of());
      Truth best = null;
      double bestIou = iou;
      for (int t = 0; t < boxes.size(); t++) {
        double o = boxes.get(t).iou(h.d);
        if (boxes.get(t).label().equals(label) && !matched.contains(new Truth(h.image, t)) && o >= bestIou) {
          best = new Truth(h.image, t);
          bestIou = o;
        }
      }
      if (best != null) {
        matched.add(best);
        tp++;
      }
      precision[i] = tp / (double) (i + 1);
      recall[i] = tp / (double) positives;
    }
    double ap = 0, previousRecall = 0;
    for (int i = 0; i < ranked.size(); i++) {
      double p = 0;
      for (int j = i; j < ranked.size(); j++) p = Math.max(p, precision[j]); // monotone envelope
      ap += (recall[i] - previousRecall) * p;
      previousRecall = recall[i];
    }
    return ap;
  }
}
