package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.learn.ner.DictionaryPrelabeler;
import org.labelloop.learn.ner.NerAutoMl;
import org.labelloop.learn.ner.NerModel;
import org.labelloop.learn.ner.NerPrediction;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.ScoredSpan;
import org.labelloop.learn.ner.SentenceUncertainty;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.ner.Tokenizer;

/**
 * The one place core calls labelloop-learn's tagger: tokenizes a snapshot, picks and trains a CRF with the tagger's
 * AutoML-lite within the time budget, and predicts the pool, adding dictionary prelabels (strings already labeled
 * as an entity, found again) where the model predicted nothing.
 */
final class NerModelTrainer {
  /** A span to pre-annotate; {@code confidence} is null for a dictionary match (no model probability). */
  record PredictedSpan(Span span, Double confidence) {}

  /** One pool asset's prediction: spans in text order and how unsure the tagger is. */
  record PoolPrediction(List<PredictedSpan> spans, SentenceUncertainty uncertainty) {}

  /** The trained tagger's pool predictions (in pool row order), bytes, card and cross-validated entity F1. */
  record Result(List<PoolPrediction> pool, byte[] bytes, ObjectNode card, Double cvEntityF1) {}

  private final Tokenizer tokenizer = new Tokenizer(Tokenizer.Mode.AUTO);

  Result train(NerSnapshot snapshot, long budgetMillis, long seed) {
    List<NerSentence> labeled = new ArrayList<>(snapshot.labeledCount());
    for (int i = 0; i < snapshot.labeledRows().length; i++) {
      int row = snapshot.labeledRows()[i];
      labeled.add(tokenizer.sentence(snapshot.assetIds().get(row), snapshot.texts().get(row), snapshot.spans().get(i)));
    }
    long t0 = System.nanoTime();
    NerAutoMl.Result search = NerAutoMl.defaults().search(labeled, seed, budgetMillis / 1000.0);
    double trainingSeconds = (System.nanoTime() - t0) / 1e9;
    NerModel model = search.model();
    DictionaryPrelabeler dictionary = DictionaryPrelabeler.of(labeled, true);
    List<PoolPrediction> pool = new ArrayList<>(snapshot.poolRows().length);
    for (int row : snapshot.poolRows()) {
      NerSentence s = tokenizer.sentence(snapshot.assetIds().get(row), snapshot.texts().get(row), List.of());
      NerPrediction p = model.analyse(s);
      List<Span> modelSpans = p.plainSpans();
      List<PredictedSpan> spans = new ArrayList<>();
      for (Span span : DictionaryPrelabeler.merge(modelSpans, dictionary.prelabel(s))) {
        Double confidence = p.spans().stream().filter(x -> x.span().equals(span)).map(ScoredSpan::probability).findFirst().orElse(null);
        spans.add(new PredictedSpan(span, confidence));
      }
      pool.add(new PoolPrediction(spans, p.uncertainty()));
    }
    Double cvF1 = search.trials().stream().filter(t -> t.config().equals(search.best())).map(NerAutoMl.Trial::cvF1)
        .filter(Double::isFinite).findFirst().orElse(null);
    ObjectNode card = card(search, model, labeled.size(), cvF1, trainingSeconds, seed);
    return new Result(pool, model.save(), card, cvF1);
  }

  private static ObjectNode card(NerAutoMl.Result search, NerModel model, int sentences, Double cvF1, double seconds, long seed) {
    ObjectNode card = JsonNodeFactory.instance.objectNode();
    card.put("task", "named-entity-recognition");
    card.put("config", search.best().describe());
    card.put("tokenizer", "words, one token per character for CJK-like scripts");
    model.labels().forEach(card.putArray("tags")::add);
    card.put("trainingSentences", sentences);
    if (cvF1 == null) card.putNull("cvEntityF1"); else card.put("cvEntityF1", cvF1);
    card.put("trainingSeconds", Math.round(seconds * 1000) / 1000.0);
    card.put("seed", seed);
    var leaderboard = card.putArray("leaderboard");
    for (NerAutoMl.Trial t : search.trials()) {
      leaderboard.addObject().put("config", t.config().describe()).put("cvEntityF1", t.cvF1()).put("seconds", t.seconds());
    }
    return card;
  }
}
