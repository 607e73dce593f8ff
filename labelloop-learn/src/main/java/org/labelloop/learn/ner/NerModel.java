package org.labelloop.learn.ner;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import org.labelloop.learn.strategy.SequenceUncertainty;
import java.util.List;
import java.util.Optional;
import org.labelloop.learn.model.ModelBytes;

/** A trained tagger: predicts spans, token/span marginals and sentence uncertainty. Not thread-safe. */
public final class NerModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SentenceFeaturizer featurizer;
  private final LinearChainCrf crf;
  private final List<String> labels;
  private final Gazetteer gazetteer;
  private final NerTrainingConfig config;
  private final int trainingSentences;

  NerModel(SentenceFeaturizer featurizer, LinearChainCrf crf, List<String> labels, Gazetteer gazetteer,
      NerTrainingConfig config, int trainingSentences) {
    this.featurizer = featurizer;
    this.crf = crf;
    this.labels = List.copyOf(labels);
    this.gazetteer = gazetteer;
    this.config = config;
    this.trainingSentences = trainingSentences;
  }

  public NerTrainingConfig config() { return config; }

  /** Tag set, {@code O} first. */
  public List<String> labels() { return labels; }

  public int trainingSentences() { return trainingSentences; }

  /**
   * The word clusters behind the model's cluster features, if it has any. A loaded model has them without an embedder:
   * {@link WordClusters#attach attach} one to place words it has not seen.
   */
  public Optional<WordClusters> wordClusters() { return Optional.ofNullable(featurizer.clusters()); }

  /** Viterbi spans. */
  public List<Span> predict(NerSentence s) {
    if (s.size() == 0) return List.of();
    int[] path = crf.viterbi(featurizer.encode(s, gazetteer, false));
    return TagScheme.decode(s.tokens(), tags(path));
  }

  public List<List<Span>> predictAll(List<NerSentence> sentences) {
    List<List<Span>> out = new ArrayList<>(sentences.size());
    for (NerSentence s : sentences) out.add(predict(s));
    return out;
  }

  /** Spans with probabilities, token marginals and the sentence's uncertainty. */
  public NerPrediction analyse(NerSentence s) {
    if (s.size() == 0) return new NerPrediction(List.of(), List.of(), labels, new double[0][], SequenceUncertainty.EMPTY);
    double[][] e = crf.emissions(featurizer.encode(s, gazetteer, false), 1.0);
    int[] path = crf.viterbi(e, 1.0);
    LinearChainCrf.Lattice lat = crf.lattice(e, 1.0);
    double[][] m = lat.tokenMarginals();
    double pBest = Math.min(1.0, Math.exp(crf.pathScore(e, path, 1.0) - lat.logZ()));
    List<String> tags = tags(path);
    List<ScoredSpan> spans = new ArrayList<>();
    boolean[] inside = new boolean[path.length];
    for (int[] c : TagScheme.chunks(tags)) {
      double p = Math.min(1.0, lat.segmentProbability(c[0], Arrays.copyOfRange(path, c[0], c[1])));
      Span span = new Span(s.tokens().get(c[0]).begin(), s.tokens().get(c[1] - 1).end(), TagScheme.typeOf(tags.get(c[0])));
      spans.add(new ScoredSpan(span, p));
      for (int i = c[0]; i < c[1]; i++) inside[i] = true;
    }
    int o = labels.indexOf(TagScheme.OUTSIDE);
    double[] outside = java.util.stream.IntStream.range(0, path.length).filter(i -> !inside[i] && o >= 0)
        .mapToDouble(i -> m[i][o]).toArray();
    SequenceUncertainty u = SequenceUncertainty.of(pBest,
        m, spans.stream().mapToDouble(ScoredSpan::probability).toArray(), outside);
    return new NerPrediction(spans, tags, labels, m, u);
  }

  private List<String> tags(int[] path) {
    List<String> out = new ArrayList<>(path.length);
    for (int y : path) out.add(labels.get(y));
    return out;
  }

  /** Serialised form (gzipped); read back with {@link #load(byte[])}. */
  public byte[] save() {
    return ModelBytes.write(this);
  }

  public static NerModel load(byte[] bytes) {
    return ModelBytes.read(bytes, NerModel.class);
  }
}
