package org.labelloop.learn.ner;

import java.util.List;
import org.labelloop.learn.strategy.SequenceUncertainty;

/** What the tagger says about one sentence: Viterbi spans with probabilities, token marginals and uncertainty. */
public record NerPrediction(List<ScoredSpan> spans, List<String> tags, List<String> labels, double[][] tokenMarginals,
    SequenceUncertainty uncertainty) {
  public NerPrediction {
    spans = List.copyOf(spans);
    tags = List.copyOf(tags);
    labels = List.copyOf(labels);
  }

  public List<Span> plainSpans() { return spans.stream().map(ScoredSpan::span).toList(); }
}
