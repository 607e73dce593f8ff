package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;

/**
 * Agreement in [0, 1] between a human label and a model's (INFERENCE or PREDICTION) label, as Kili's "inference
 * marks": classification jobs score the Jaccard index of the two category sets (1/0 for single choice), NER jobs the
 * exact span F1 (same category, begin offset and text). A label with several jobs gets the mean over the jobs either
 * side answered. Object detection is not scored yet (null when nothing comparable).
 */
public final class InferenceMarks {
  private InferenceMarks() {}

  public static Double mark(JsonInterface iface, JsonNode human, JsonNode model) {
    double sum = 0;
    int n = 0;
    for (Job job : iface.jobs().values()) {
      JsonNode h = human == null ? null : human.get(job.id());
      JsonNode m = model == null ? null : model.get(job.id());
      if (h == null && m == null) {
        continue;
      }
      switch (job.mlTask()) {
        case CLASSIFICATION -> {
          sum += jaccard(categories(h), categories(m));
          n++;
        }
        case NAMED_ENTITIES_RECOGNITION -> {
          sum += spanF1(spans(h), spans(m));
          n++;
        }
        case OBJECT_DETECTION -> {
          // not scored yet
        }
      }
    }
    return n == 0 ? null : sum / n;
  }

  /** Category names of a classification job's answer (sorted, so they print stably). */
  public static Set<String> categories(JsonNode jobResponse) {
    Set<String> names = new TreeSet<>();
    if (jobResponse != null) {
      jobResponse.path("categories").forEach(c -> names.add(c.path("name").asText()));
    }
    return names;
  }

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

  /** An entity: category, begin offset and length. */
  public record Span(String category, int begin, int length) {
    int end() {
      return begin + length;
    }
  }

  public static List<Span> spans(JsonNode jobResponse) {
    List<Span> spans = new ArrayList<>();
    if (jobResponse != null) {
      for (JsonNode a : jobResponse.path("annotations")) {
        spans.add(new Span(a.path("categories").path(0).path("name").asText(), a.path("beginOffset").asInt(), a.path("content").asText("").length()));
      }
    }
    return spans;
  }

  /** Exact-match span F1 (CoNLL style); 1 when both sides have no spans. */
  public static double spanF1(List<Span> gold, List<Span> predicted) {
    if (gold.isEmpty() && predicted.isEmpty()) {
      return 1;
    }
    Set<Span> g = new HashSet<>(gold);
    long tp = new HashSet<>(predicted).stream().filter(g::contains).count();
    return f1(tp, predicted.size(), gold.size());
  }

  /**
   * Partial-credit span F1: each predicted span is credited with its best character overlap ratio (intersection over
   * union) with a gold span of the same category, so near-misses on boundaries count partly (as in SemEval-2013 task 9's
   * "partial" scheme, here weighted by overlap).
   */
  public static double overlapF1(List<Span> gold, List<Span> predicted) {
    if (gold.isEmpty() && predicted.isEmpty()) {
      return 1;
    }
    double credit = 0;
    for (Span p : predicted) {
      double best = 0;
      for (Span g : gold) {
        if (!g.category().equals(p.category())) continue;
        int inter = Math.min(g.end(), p.end()) - Math.max(g.begin(), p.begin());
        if (inter > 0) {
          int union = Math.max(g.end(), p.end()) - Math.min(g.begin(), p.begin());
          best = Math.max(best, (double) inter / union);
        }
      }
      credit += best;
    }
    return f1(credit, predicted.size(), gold.size());
  }

  private static double f1(double tp, int predicted, int gold) {
    if (predicted == 0 || gold == 0) {
      return 0;
    }
    double p = tp / predicted, r = tp / gold;
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
