package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.labelloop.core.project.Job;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.model.Confidence;
import org.labelloop.learn.model.LibraryVersions;
import org.labelloop.learn.ner.DictionaryPrelabeler;
import org.labelloop.learn.ner.NerSearch;
import org.labelloop.learn.ner.NerModel;
import org.labelloop.learn.ner.NerPrediction;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.ScoredSpan;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.ner.Tokenizer;
import org.labelloop.learn.ner.WordClusters;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.ItemUncertainty;
import org.labelloop.learn.strategy.SequenceUncertainty;

/**
 * The NAMED_ENTITIES_RECOGNITION task's trainer: tokenizes a snapshot, picks and trains a CRF with the tagger's
 * AutoML-lite within the time budget, and predicts the pool, adding dictionary prelabels (strings already labeled
 * as an entity, found again) where the model predicted nothing. Each pool asset's suggested answer is its spans (Kili's
 * annotations, with the model's confidence per span); the strategy ranks on each sentence's reduced uncertainty
 * ({@link SequenceUncertainty}: least confidence of the Viterbi path, span margin, mean or maximum token entropy).
 *
 * <p>With a sentence embedder, the tagger also gets MiniLM word-cluster features (on CoNLL-2003 they lift F1 at 500
 * actively chosen sentences from 78 to 86; BENCHMARKS.md). A project's clusters are built once, from every word of
 * its texts, and kept between retrains; words of new assets are placed at their nearest centroid. Building them is
 * outside the AutoML time budget: a project's first tagger waits for it (about a minute for 20,000 word types).
 */
final class NerModelTrainer implements SnapshotTrainer<List<Span>> {
  /** One clustering, k = 50: nearly as good as 20+50+200 on CoNLL-2003 and ten times cheaper to build. */
  private static final int CLUSTERS = 50;

  /** A span to pre-annotate; {@code confidence} is null for a dictionary match (no model probability). */
  record PredictedSpan(Span span, Double confidence) {}

  /**
   * Text the tagger left untagged although it gives it a fair chance of being an entity: {@code probability} is the
   * largest {@code 1 - P(O)} of its tokens. The confidence of found spans alone hides what the model may have missed.
   */
  record PossibleMiss(int begin, int end, double probability) {}

  /** Tokens outside every span are shown as a possible miss from this probability of being part of an entity. */
  static final double MISS_SHOWN = 0.2;

  private final Tokenizer tokenizer = new Tokenizer(Tokenizer.Mode.AUTO);
  private final Supplier<TextEmbedder> embedder;
  private final Map<String, WordClusters> clustersByProject = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, WordClusters> eldest) {
      return size() > 2;
    }
  };

  /** @param embedder gives the sentence embedder for word clusters (loaded on first use), or null for none */
  NerModelTrainer(Supplier<TextEmbedder> embedder) {
    this.embedder = embedder;
  }

  /**
   * An NER answer is its entity spans (possibly none: "no entity here" is an answer too). Spans whose offsets do not
   * fit the text are dropped here; spans off token boundaries are the tagger's to skip.
   */
  @Override
  public List<Span> read(JsonNode jobAnswer, String text) {
    return jobAnswer == null || jobAnswer.isNull() ? null : EntitySpans.of(jobAnswer, text.length());
  }

  @Override
  public String fingerprint(List<Span> spans) {
    return spans.stream().map(s -> s.begin() + "-" + s.end() + ":" + s.label()).collect(Collectors.joining(";"));
  }

  @Override
  public String notEnough(String projectId, Snapshot<List<Span>> snapshot, int minLabels) {
    Set<String> types = new TreeSet<>();
    snapshot.answers().forEach(spans -> spans.forEach(s -> types.add(s.label())));
    if (snapshot.labeledCount() >= minLabels && !types.isEmpty()) return null;
    return snapshot.labeledCount() + " labeled assets with " + types.size() + " entity types; the first model needs "
        + minLabels + " with at least one entity";
  }

  @Override
  public PoolModel train(String projectId, Job job, Snapshot<List<Span>> snapshot, long budgetMillis, long seed) {
    List<NerSentence> sentences = new ArrayList<>(snapshot.texts().size()); // every text tokenized once, by row
    for (int row = 0; row < snapshot.texts().size(); row++) {
      sentences.add(tokenizer.sentence(snapshot.assetIds().get(row), snapshot.texts().get(row), List.of()));
    }
    List<NerSentence> labeled = new ArrayList<>(snapshot.labeledCount());
    for (int i = 0; i < snapshot.labeledRows().length; i++) {
      labeled.add(sentences.get(snapshot.labeledRows()[i]).withSpans(snapshot.answers().get(i)));
    }
    WordClusters clusters = clusters(projectId, sentences, seed);
    long t0 = System.nanoTime();
    NerSearch.Result search = NerSearch.defaults().search(labeled, seed, budgetMillis / 1000.0, clusters);
    double trainingSeconds = (System.nanoTime() - t0) / 1e9;
    NerModel model = search.model();
    DictionaryPrelabeler dictionary = DictionaryPrelabeler.of(labeled, true);
    List<JsonNode> responses = new ArrayList<>(snapshot.poolRows().length);
    List<SequenceUncertainty> uncertainties = new ArrayList<>(snapshot.poolRows().length);
    for (int row : snapshot.poolRows()) {
      NerSentence s = sentences.get(row);
      NerPrediction p = model.analyse(s);
      List<Span> modelSpans = p.plainSpans();
      List<PredictedSpan> spans = new ArrayList<>();
      for (Span span : DictionaryPrelabeler.merge(modelSpans, dictionary.prelabel(s))) {
        Double confidence = p.spans().stream().filter(x -> x.span().equals(span)).map(ScoredSpan::probability).findFirst().orElse(null);
        spans.add(new PredictedSpan(span, confidence));
      }
      List<PossibleMiss> missed = possibleMisses(s, p, spans.stream().map(PredictedSpan::span).toList());
      responses.add(response(job.id(), snapshot.texts().get(row), spans, missed));
      uncertainties.add(p.uncertainty());
    }
    Double cvF1 = search.trials().stream().filter(t -> t.config().equals(search.best())).map(NerSearch.Trial::cvF1)
        .filter(Double::isFinite).findFirst().orElse(null);
    ObjectNode card = card(search, model, labeled.size(), cvF1, trainingSeconds, seed);
    if (cvF1 == null) {
      card.put("notCrossValidated", "no fold of the model search finished within its share of the "
          + Math.round(budgetMillis / 1000.0) + " s time budget");
    }
    return new PoolModel(model.save(), card, null, null, responses,
        new Candidates(responses.size(), ItemUncertainty.sequences(uncertainties), null, null));
  }

  /**
   * Kili's NER shape; a model span carries its probability as the category's confidence in percent, a dictionary
   * match has none and says where it came from; {@code missed} lists text the model may have missed, in percent:
   * {@code {"NER": {"annotations": [{"categories": [{"name": "PER", "confidence": 91}], "beginOffset": 0, "content": "Ann"}],
   * "missed": [{"beginOffset": 8, "content": "Bob", "confidence": 35}]}}}.
   */
  static JsonNode response(String jobId, String text, List<PredictedSpan> spans, List<PossibleMiss> missed) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ArrayNode annotations = root.putObject(jobId).putArray("annotations");
    for (PredictedSpan s : spans) {
      ObjectNode a = annotations.addObject();
      ObjectNode category = a.putArray("categories").addObject().put("name", s.span().label());
      if (s.confidence() != null) category.put("confidence", Confidence.percent(s.confidence()));
      else a.put("source", "dictionary");
      a.put("beginOffset", s.span().begin()).put("content", s.span().content(text));
    }
    ArrayNode misses = ((ObjectNode) root.get(jobId)).putArray("missed");
    for (PossibleMiss m : missed) {
      misses.addObject().put("beginOffset", m.begin()).put("content", text.substring(m.begin(), m.end()))
          .put("confidence", Confidence.percent(m.probability()));
    }
    return root;
  }

  /** Runs of adjacent tokens outside {@code spans} whose marginal of being inside an entity reaches {@link #MISS_SHOWN}. */
  static List<PossibleMiss> possibleMisses(NerSentence s, NerPrediction p, List<Span> spans) {
    int outside = p.labels().indexOf(org.labelloop.learn.ner.TagScheme.OUTSIDE);
    List<PossibleMiss> out = new ArrayList<>();
    if (outside < 0) return out;
    int begin = -1, end = -1;
    double best = 0;
    for (int i = 0; i < s.tokens().size(); i++) {
      var t = s.tokens().get(i);
      double entity = 1 - p.tokenMarginals()[i][outside];
      boolean covered = spans.stream().anyMatch(x -> x.begin() < t.end() && t.begin() < x.end());
      if (!covered && entity >= MISS_SHOWN) {
        if (begin < 0) begin = t.begin();
        end = t.end();
        best = Math.max(best, entity);
      } else if (begin >= 0) {
        out.add(new PossibleMiss(begin, end, best));
        begin = -1;
        best = 0;
      }
    }
    if (begin >= 0) out.add(new PossibleMiss(begin, end, best));
    return out;
  }

  /** The project's word clusters, built on first use and extended with new words; null without an embedder. */
  private WordClusters clusters(String projectId, List<NerSentence> sentences, long seed) {
    if (embedder == null) return null;
    List<String> words = new ArrayList<>();
    for (NerSentence s : sentences) s.tokens().forEach(t -> words.add(t.text()));
    WordClusters clusters = clustersByProject.get(projectId);
    TextEmbedder e = embedder.get();
    if (clusters == null) {
      if (words.stream().map(w -> w.toLowerCase(Locale.ROOT)).distinct().count() < CLUSTERS) return null;
      clusters = WordClusters.build(words, e, seed, CLUSTERS);
      clustersByProject.put(projectId, clusters);
    } else {
      clusters.addWords(words, e);
    }
    return clusters;
  }

  private static ObjectNode card(NerSearch.Result search, NerModel model, int sentences, Double cvF1, double seconds, long seed) {
    ObjectNode card = JsonNodeFactory.instance.objectNode();
    card.put("task", "named-entity-recognition");
    card.put("config", search.best().describe());
    card.put("tokenizer", "words, one token per character for CJK-like scripts");
    model.wordClusters().ifPresent(c -> card.put("wordClusters", c.describe()));
    model.labels().forEach(card.putArray("tags")::add);
    card.put("trainingSentences", sentences);
    if (cvF1 == null) card.putNull("cvEntityF1"); else card.put("cvEntityF1", cvF1);
    card.put("trainingSeconds", Math.round(seconds * 1000) / 1000.0);
    card.put("seed", seed);
    LibraryVersions.packaged().forEach(card.putObject("libraryVersions")::put);
    var leaderboard = card.putArray("leaderboard");
    for (NerSearch.Trial t : search.trials()) {
      leaderboard.addObject().put("config", t.config().describe()).put("cvEntityF1", t.cvF1()).put("folds", t.folds())
          .put("seconds", t.seconds());
    }
    return card;
  }
}
