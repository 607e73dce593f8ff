package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.labelloop.learn.simulate.Replay;
import org.labelloop.learn.strategy.Candidates;

/**
 * NER's side of a replay: the pool's gold spans play the annotator. Each round trains the tagger on the labeled
 * sentences, scores the test set (entity-level P/R/F1, conlleval's counting) and lets the strategy rank unlabeled
 * sentences by their reduced uncertainty, computed only for the sentences a strategy asks about. Token features of
 * pool and test are computed once and cached; only gazetteer hits are recomputed per round.
 */
public final class NerReplay implements Replay {
  private final List<NerSentence> pool;
  private final List<NerSentence> test;
  private final NerTrainingConfig config;
  private final SentenceFeaturizer featurizer;

  /** @param clusters word clusters for a configuration with word-cluster features, else null */
  public NerReplay(List<NerSentence> pool, List<NerSentence> test, NerTrainingConfig config, WordClusters clusters) {
    this.pool = List.copyOf(pool);
    this.test = List.copyOf(test);
    this.config = Objects.requireNonNull(config);
    this.featurizer = new SentenceFeaturizer(config.features(), clusters, true);
    TreeSet<String> types = new TreeSet<>();
    for (NerSentence s : pool) for (Span sp : s.spans()) types.add(sp.label());
    for (NerSentence s : pool) featurizer.encode(s, null, false);
    featurizer.registerGazetteerFeatures(types);
    featurizer.freeze();
    for (NerSentence s : test) featurizer.encode(s, null, false);
  }

  @Override public int poolSize() { return pool.size(); }

  @Override public List<String> metrics() { return List.of("precision", "recall", "f1", "train_seconds"); }

  @Override public String quality() { return "f1"; }

  @Override public Round round(int[] labeled, int[] unlabeled) {
    List<NerSentence> train = new ArrayList<>(labeled.length);
    for (int i : labeled) train.add(pool.get(i));
    long t0 = System.nanoTime();
    NerModel model = NerTrainer.train(train, config, featurizer, Long.MAX_VALUE, 1);
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    Prf scores = EntityScores.evaluate(model, test).overall();
    Candidates candidates = new Candidates(unlabeled.length,
        (item, measure) -> model.analyse(pool.get(unlabeled[item])).uncertainty().of(measure), null, null);
    return new Round(Map.of("precision", scores.precision(), "recall", scores.recall(), "f1", scores.f1(),
        "train_seconds", trainSeconds), candidates);
  }
}
