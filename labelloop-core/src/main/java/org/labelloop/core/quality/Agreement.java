package org.labelloop.core.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;

/**
 * The one definition of agreement in [0, 1] between two answers to the same asset, shared by the consensus mark
 * (labeler vs labeler), the honeypot mark (labeler vs trusted answer) and the inference mark (model vs human), as in
 * Kili's three quality marks:
 *
 * <ul>
 *   <li>classification: the Jaccard index of the two category sets (1/0 for a single choice job);
 *   <li>named entities: exact span F1 (same category, begin offset and length, CoNLL style), or with {@code overlap}
 *       partial credit weighted by character overlap (SemEval-2013 task 9 "partial" scheme);
 *   <li>object detection: boxes of the same category matched one to one by IoU ≥ 0.5 (greedily, highest IoU first,
 *       as PASCAL VOC/COCO matching), then F1 of the matched pairs.
 * </ul>
 *
 * A label with several jobs gets the mean over the jobs either side answered; nothing comparable gives null. Empty
 * vs empty agrees fully (both said "nothing here").
 */
public final class Agreement {
  /** The IoU from which two boxes count as the same object. */
  public static final double IOU_MATCH = 0.5;

  private Agreement() {}

  /** Agreement of two jsonResponses under the interface (exact NER spans); null when no job is answered by either. */
  public static Double mark(JsonInterface iface, JsonNode a, JsonNode b) {
    return mark(iface, a, b, false);
  }

  /** As {@link #mark(JsonInterface, JsonNode, JsonNode)}, with partial credit for overlapping NER spans when asked. */
  public static Double mark(JsonInterface iface, JsonNode a, JsonNode b, boolean nerOverlap) {
    double sum = 0;
    int n = 0;
    for (Job job : iface.jobs().values()) {
      Double m = job(job, a == null ? null : a.get(job.id()), b == null ? null : b.get(job.id()), nerOverlap);
      if (m != null) {
        sum += m;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  /** Agreement on one job's answers; null when neither side answered it. */
  public static Double job(Job job, JsonNode a, JsonNode b, boolean nerOverlap) {
    if (absent(a) && absent(b)) {
      return null;
    }
    return switch (job.mlTask()) {
      case CLASSIFICATION -> jaccard(categories(a), categories(b));
      case NAMED_ENTITIES_RECOGNITION -> nerOverlap ? overlapF1(spans(a), spans(b)) : spanF1(spans(a), spans(b));
      case OBJECT_DETECTION -> boxF1(boxes(a), boxes(b));
    };
  }

  private static boolean absent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  /** Category names of a classification job's answer, sorted. */
  public static Set<String> categories(JsonNode jobResponse) {
    Set<String> names = new TreeSet<>();
    if (jobResponse != null) {
      jobResponse.path("categories").forEach(c -> names.add(c.path("name").asText()));
    }
    return names;
  }

  /** |A ∩ B| / |A ∪ B|; 1 when both are empty. */
  public static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    Set<String> inter = new HashSet<>(a);
    inter.retainAll(b);
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return (double) inter.size() / union.size();
  }

  /** An entity: category, begin offset and length in characters. */
  public record Span(String category, int begin, int length) {
    public int end() {
      return begin + length;
    }
  }

  public static List<Span> spans(JsonNode jobResponse) {
    List<Span> spans = new ArrayList<>();
    if (jobResponse != null) {
      for (JsonNode a : jobResponse.path("annotations")) {
        spans.add(new Span(firstCategory(a), a.path("beginOffset").asInt(), a.path("content").asText("").length()));
      }
    }
    return spans;
  }

  /** Exact-match span F1; symmetric, 1 when both sides have no spans. */
  public static double spanF1(List<Span> a, List<Span> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    Set<Span> left = new HashSet<>(a);
    long tp = new HashSet<>(b).stream().filter(left::contains).count();
    return f1(tp, b.size(), a.size());
  }

  /**
   * Partial-credit span F1: each span of {@code b} is credited with its best character IoU with a span of {@code a}
   * of the same category, so boundary near-misses count partly.
   */
  public static double overlapF1(List<Span> a, List<Span> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    double credit = 0;
    for (Span p : b) {
      double best = 0;
      for (Span g : a) {
        if (!g.category().equals(p.category())) continue;
        int inter = Math.min(g.end(), p.end()) - Math.max(g.begin(), p.begin());
        if (inter > 0) {
          int union = Math.max(g.end(), p.end()) - Math.min(g.begin(), p.begin());
          best = Math.max(best, (double) inter / union);
        }
      }
      credit += best;
    }
    return f1(credit, b.size(), a.size());
  }

  /** An axis-aligned box (normalised or pixel coordinates, as long as both sides use the same). */
  public record Box(String category, double minX, double minY, double maxX, double maxY) {
    public Box {
      if (maxX < minX || maxY < minY) {
        throw new IllegalArgumentException("box corners out of order");
      }
    }

    double area() {
      return (maxX - minX) * (maxY - minY);
    }

    public double iou(Box o) {
      double w = Math.min(maxX, o.maxX) - Math.max(minX, o.minX);
      double h = Math.min(maxY, o.maxY) - Math.max(minY, o.minY);
      if (w <= 0 || h <= 0) {
        return 0;
      }
      double inter = w * h;
      return inter / (area() + o.area() - inter);
    }
  }

  /** Boxes of an object detection answer: the bounding rectangle of each annotation's first polygon. */
  public static List<Box> boxes(JsonNode jobResponse) {
    List<Box> boxes = new ArrayList<>();
    if (jobResponse == null) {
      return boxes;
    }
    for (JsonNode a : jobResponse.path("annotations")) {
      JsonNode poly = a.path("boundingPoly").path(0);
      JsonNode vertices = poly.has("normalizedVertices") ? poly.path("normalizedVertices") : poly.path("vertices");
      double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
      double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
      for (JsonNode v : vertices) {
        minX = Math.min(minX, v.path("x").asDouble());
        minY = Math.min(minY, v.path("y").asDouble());
        maxX = Math.max(maxX, v.path("x").asDouble());
        maxY = Math.max(maxY, v.path("y").asDouble());
      }
      if (minX <= maxX && minY <= maxY) {
        boxes.add(new Box(firstCategory(a), minX, minY, maxX, maxY));
      }
    }
    return boxes;
  }

  /** Boxes matched one to one (same category, IoU ≥ 0.5, best pairs first), then F1; 1 when both are empty. */
  public static double boxF1(List<Box> a, List<Box> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    record Pair(int i, int j, double iou) {}
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < b.size(); j++) {
        if (a.get(i).category().equals(b.get(j).category())) {
          double iou = a.get(i).iou(b.get(j));
          if (iou >= IOU_MATCH) {
            pairs.add(new Pair(i, j, iou));
          }
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
    boolean[] usedA = new boolean[a.size()];
    boolean[] usedB = new boolean[b.size()];
    int tp = 0;
    for (Pair p : pairs) {
      if (!usedA[p.i()] && !usedB[p.j()]) {
        usedA[p.i()] = true;
        usedB[p.j()] = true;
        tp++;
      }
    }
    return f1(tp, b.size(), a.size());
  }

  private static String firstCategory(JsonNode annotation) {
    return annotation.path("categories").path(0).path("name").asText();
  }

  private static double f1(double tp, int predicted, int gold) {
    if (predicted == 0 || gold == 0) {
      return 0;
    }
    double p = tp / predicted, r = tp / gold;
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
