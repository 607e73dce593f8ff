package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.quality.Agreement;
import org.labelloop.learn.ner.Span;

/** A NER job's answer in Kili's shape as the tagger's spans. */
public final class EntitySpans {
  private EntitySpans() {}

  /** The answer's spans that fit a text of {@code textLength} (others are dropped: the tagger cannot use them). */
  public static List<Span> of(JsonNode jobAnswer, int textLength) {
    List<Span> out = new ArrayList<>();
    for (Agreement.Span s : Agreement.spans(jobAnswer)) {
      if (s.begin() >= 0 && s.length() > 0 && s.begin() + s.length() <= textLength && !s.category().isBlank()) {
        out.add(new Span(s.begin(), s.begin() + s.length(), s.category()));
      }
    }
    return out;
  }
}
