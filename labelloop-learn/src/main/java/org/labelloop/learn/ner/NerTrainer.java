package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains {@link NerModel}s from labeled sentences; spans off token boundaries are logged and skipped. */
public final class NerTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(NerTrainer.class);

  /**
   * Epochs a {@link #trainAtLeast chosen model} gets whatever its deadline: on 3,250 CoNLL-2003 sentences one epoch
   * of 18 tags at entity F1 79.4, five at 83.0, all 18 at 83.2 (BENCHMARKS.md), so a busy machine's deadline should
   * not cut the model that is kept before five.
   */
  static final int MIN_EPOCHS_KEPT = 5;

  private NerTrainer() {}

  public static NerModel train(List<NerSentence> data, NerTrainingConfig config) {
    return train(data, config, Long.MAX_VALUE);
  }

  /** Trains, stopping after the epoch in which {@code deadlineNanos} ({@link System#nanoTime()}) passes. */
  public static NerModel train(List<NerSentence> data, NerTrainingConfig config, long deadlineNanos) {
    return train(data, config, (WordClusters) null, deadlineNanos);
  }

  /**
   * Trains with the given word clusters, used (and kept in the model) when the configuration asks for
   * {@link FeatureConfig#wordClusters() word-cluster features}; stops after the epoch in which {@code deadlineNanos}
   * passes.
   *
   * @param clusters may be null when the configuration does not use them
   */
  public static NerModel train(List<NerSentence> data, NerTrainingConfig config, WordClusters clusters, long deadlineNanos) {
    return train(data, config, new SentenceFeaturizer(config.features(), clusters, false), deadlineNanos, 1);
  }

  /** As {@link #train(List, NerTrainingConfig, WordClusters, long)}, for a model that is kept: it gets {@link #MIN_EPOCHS_KEPT} epochs or more. */
  public static NerModel trainAtLeast(List<NerSentence> data, NerTrainingConfig config, WordClusters clusters, long deadlineNanos) {
    return train(data, config, new SentenceFeaturizer(config.features(), clusters, false), deadlineNanos, MIN_EPOCHS_KEPT);
  }

  /** Trains with a shared (possibly frozen, caching) featurizer. */
  static NerModel train(List<NerSentence> data, NerTrainingConfig config, SentenceFeaturizer featurizer, long deadlineNanos,
      int minEpochs) {
    TreeSet<String> tagSet = new TreeSet<>();
    List<List<String>> tagLists = new ArrayList<>(data.size());
    int issues = 0;
    for (NerSentence s : data) {
      TagScheme.Encoding enc = config.scheme().encode(s);
      issues += enc.issues().size();
      tagLists.add(enc.tags());
      tagSet.addAll(enc.tags());
    }
    if (issues > 0) LOG.warn("{} spans not on token boundaries or overlapping were skipped", issues);
    tagSet.remove(TagScheme.OUTSIDE);
    List<String> labels = new ArrayList<>();
    labels.add(TagScheme.OUTSIDE);
    labels.addAll(tagSet);
    Gazetteer gazetteer = config.features().gazetteer() ? Gazetteer.of(data) : null;
    if (gazetteer != null) {
      featurizer.registerGazetteerFeatures(data.stream().flatMap(s -> s.spans().stream()).map(Span::label).distinct().toList());
    }
    List<int[][]> xs = new ArrayList<>(data.size());
    List<int[]> ys = new ArrayList<>(data.size());
    for (int k = 0; k < data.size(); k++) {
      xs.add(featurizer.encode(data.get(k), gazetteer, true));
      List<String> tags = tagLists.get(k);
      int[] y = new int[tags.size()];
      for (int i = 0; i < y.length; i++) y[i] = labels.indexOf(tags.get(i));
      ys.add(y);
    }
    if (!featurizer.isFrozenForTraining()) featurizer.freeze();
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(config.seed());
    int epochs = config.epochsFor(data.size());
    LinearChainCrf crf = CrfTrainer.train(xs, ys, labels.size(), featurizer.numFeatures(), config.l2(), epochs,
        config.eta0(), random, deadlineNanos, minEpochs);
    return new NerModel(featurizer, crf, labels, gazetteer, config, data.size());
  }
}
