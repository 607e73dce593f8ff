package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.QueryStrategy;
import org.labelloop.learn.strategy.Strategies;

/**
 * Offline active-learning replay for NER: the pool's gold spans play the annotator. Every strategy starts from the
 * same random initial set, then repeatedly trains the tagger on the labeled sentences, scores the test set
 * (entity-level P/R/F1), and labels the next batch its strategy (from {@link Strategies}) picks, until the budget is spent. Token features of
 * the pool and test set are computed once and cached; only gazetteer hits are recomputed per step.
 */
public final class NerSimulator {
  /** One learning-curve point. */
  public record Point(String strategy, int sentences, EntityScores scores, double trainSeconds) {
    public Point { Objects.requireNonNull(strategy); Objects.requireNonNull(scores); }
  }

  /** Called after every point (for progress and streaming output); {@code done}/{@code total} count points. */
  public interface Listener {
    void onPoint(Point point, int done, int total);
  }

  private final NerTrainingConfig config;
  private final WordClusters clusters;

  public NerSimulator(NerTrainingConfig config) { this(config, null); }

  /** @param clusters word clusters for a configuration with word-cluster features, else null */
  public NerSimulator(NerTrainingConfig config, WordClusters clusters) {
    this.config = Objects.requireNonNull(config);
    this.clusters = clusters;
  }

  public List<Point> run(List<NerSentence> pool, List<NerSentence> test, List<String> strategies, int initial,
      int batch, int budget, long seed, Listener listener) {
    if (initial <= 0 || batch <= 0 || budget < initial) throw new IllegalArgumentException("need initial > 0, batch > 0, budget >= initial");
    if (pool.size() < initial) throw new IllegalArgumentException("pool has " + pool.size() + " sentences, fewer than initial " + initial);
    SentenceFeaturizer featurizer = new SentenceFeaturizer(config.features(), clusters, true);
    TreeSet<String> types = new TreeSet<>();
    for (NerSentence s : pool) for (Span sp : s.spans()) types.add(sp.label());
    for (NerSentence s : pool) featurizer.encode(s, null, false);
    featurizer.registerGazetteerFeatures(types);
    featurizer.freeze();
    for (NerSentence s : test) featurizer.encode(s, null, false);

    int[] initialIdx = Strategies.named("random").select(Candidates.unscored(pool.size(), null), initial, rng(seed));
    int stepsPerStrategy = 1 + (int) Math.ceil((budget - initial) / (double) batch);
    int total = stepsPerStrategy * strategies.size();
    int done = 0;
    List<Point> points = new ArrayList<>();
    for (String strategy : strategies) {
      QueryStrategy query = Strategies.named(strategy);
      RandomGenerator random = rng(seed + 1);
      boolean[] taken = new boolean[pool.size()];
      List<NerSentence> labeled = new ArrayList<>();
      for (int i : initialIdx) { taken[i] = true; labeled.add(pool.get(i)); }
      while (true) {
        long t0 = System.nanoTime();
        NerModel model = NerTrainer.train(labeled, config, featurizer, Long.MAX_VALUE);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Point p = new Point(query.name(), labeled.size(), EntityScores.evaluate(model, test), trainSeconds);
        points.add(p);
        listener.onPoint(p, ++done, total);
        if (labeled.size() >= budget) break;
        List<Integer> remaining = new ArrayList<>();
        List<NerSentence> unlabeled = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) if (!taken[i]) { remaining.add(i); unlabeled.add(pool.get(i)); }
        if (remaining.isEmpty()) break;
        Candidates candidates = new Candidates(unlabeled.size(),
            (i, measure) -> model.analyse(unlabeled.get(i)).uncertainty().of(measure), null, null);
        for (int j : query.select(candidates, Math.min(batch, budget - labeled.size()), random)) {
          int i = remaining.get(j);
          taken[i] = true;
          labeled.add(pool.get(i));
        }
      }
    }
    return points;
  }

  private static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }
}
