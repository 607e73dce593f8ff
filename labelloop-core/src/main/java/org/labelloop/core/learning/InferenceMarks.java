package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.quality.Agreement;

/**
 * Agreement in [0, 1] between a human label and a model's (INFERENCE or PREDICTION) label, as Kili's "inference
 * marks". The definition is {@link Agreement}'s, shared with the consensus and honeypot marks: classification jobs
 * score the Jaccard index of the two category sets (1/0 for single choice), NER jobs the exact span F1, object
 * detection boxes matched by IoU ≥ 0.5 then F1; a label with several jobs gets the mean over the jobs either side
 * answered (null when nothing comparable). This class keeps the learning loop's entry points and delegates.
 */
public final class InferenceMarks {
  private InferenceMarks() {}

  public static Double mark(JsonInterface iface, JsonNode human, JsonNode model) {
    return Agreement.mark(iface, human, model);
  }

  /** Category names of a classification job's answer (sorted, so they print stably). */
  public static Set<String> categories(JsonNode jobResponse) {
    return Agreement.categories(jobResponse);
  }

  public static double jaccard(Set<String> a, Set<String> b) {
    return Agreement.jaccard(a, b);
  }

  /** An entity: category, begin offset and length. */
  public record Span(String category, int begin, int length) {
    int end() {
      return begin + length;
    }

    Agreement.Span shared() {
      return new Agreement.Span(category, begin, length);
    }
  }

  public static List<Span> spans(JsonNode jobResponse) {
    List<Span> spans = new ArrayList<>();
    for (Agreement.Span s : Agreement.spans(jobResponse)) {
      spans.add(new Span(s.category(), s.begin(), s.length()));
    }
    return spans;
  }

  /** Exact-match span F1 (CoNLL style); 1 when both sides have no spans. */
  public static double spanF1(List<Span> gold, List<Span> predicted) {
    return Agreement.spanF1(shared(gold), shared(predicted));
  }

  /** Partial-credit span F1 weighted by character overlap; see {@link Agreement#overlapF1}. */
  public static double overlapF1(List<Span> gold, List<Span> predicted) {
    return Agreement.overlapF1(shared(gold), shared(predicted));
  }

  private static List<Agreement.Span> shared(List<Span> spans) {
    return spans.stream().map(Span::shared).toList();
  }
}
