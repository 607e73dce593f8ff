package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AutoML-lite for the tagger: k-fold cross-validated entity F1 of a small grid (feature set x L2 strength) on a
 * subsample, within a share of the time budget; candidates are tried defaults-first so an exhausted budget still
 * returns a sensible choice. The winner is then trained on all data with the remaining time.
 */
public final class NerAutoMl {
  private static final Logger LOG = LoggerFactory.getLogger(NerAutoMl.class);

  /** One evaluated candidate. */
  public record Trial(NerTrainingConfig config, double cvF1, double seconds) {}

  /** The chosen configuration, its trials and the final model. */
  public record Result(NerTrainingConfig best, List<Trial> trials, NerModel model) {
    public Result { trials = List.copyOf(trials); }
  }

  private final int folds;
  private final int maxSearchSentences;
  private final double searchShare;

  public NerAutoMl(int folds, int maxSearchSentences, double searchShare) {
    if (folds < 2) throw new IllegalArgumentException("folds must be >= 2");
    if (maxSearchSentences < folds) throw new IllegalArgumentException("maxSearchSentences must be >= folds");
    if (!(searchShare > 0 && searchShare < 1)) throw new IllegalArgumentException("searchShare must be in (0, 1)");
    this.folds = folds;
    this.maxSearchSentences = maxSearchSentences;
    this.searchShare = searchShare;
  }

  public static NerAutoMl defaults() { return new NerAutoMl(3, 2000, 0.4); }

  /** With word clusters, every feature set is tried with cluster features first, then without. */
  static List<NerTrainingConfig> grid(long seed, boolean wordClusters) {
    NerTrainingConfig base = NerTrainingConfig.defaults(seed);
    List<FeatureConfig> features = new ArrayList<>();
    if (wordClusters) {
      features.add(FeatureConfig.rich().withWordClusters(true));
      features.add(FeatureConfig.compact().withWordClusters(true));
    }
    features.add(FeatureConfig.rich());
    features.add(FeatureConfig.compact());
    List<NerTrainingConfig> out = new ArrayList<>();
    for (FeatureConfig f : features) {
      for (double l2 : new double[] {1.0, 0.3, 3.0}) out.add(base.withFeatures(f).withL2(l2));
    }
    return out;
  }

  public Result search(List<NerSentence> data, long seed, double budgetSeconds) {
    return search(data, seed, budgetSeconds, null);
  }

  /**
   * Searches with {@code clusters} (built once by the caller, shared by every candidate and fold; null for none), so
   * the grid also holds configurations with word-cluster features.
   */
  public Result search(List<NerSentence> data, long seed, double budgetSeconds, WordClusters clusters) {
    long start = System.nanoTime();
    long deadline = start + (long) (budgetSeconds * 1e9);
    long searchDeadline = start + (long) (budgetSeconds * searchShare * 1e9);
    List<NerSentence> sample = new ArrayList<>(data);
    Collections.shuffle(sample, new Random(seed));
    if (sample.size() > maxSearchSentences) sample = sample.subList(0, maxSearchSentences);
    List<Trial> trials = new ArrayList<>();
    List<NerTrainingConfig> grid = grid(seed, clusters != null);
    NerTrainingConfig best = grid.get(0);
    double bestF1 = -1;
    for (NerTrainingConfig c : grid) {
      if (System.nanoTime() > searchDeadline) break;
      long t0 = System.nanoTime();
      List<List<Span>> gold = new ArrayList<>();
      List<List<Span>> pred = new ArrayList<>();
      for (int k = 0; k < folds; k++) {
        List<NerSentence> train = new ArrayList<>();
        List<NerSentence> held = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) (i % folds == k ? held : train).add(sample.get(i));
        NerModel m = NerTrainer.train(train, c, clusters, searchDeadline);
        for (NerSentence s : held) { gold.add(s.spans()); pred.add(m.predict(s)); }
      }
      if (System.nanoTime() > searchDeadline) break; // cut short by the deadline: its score would not be comparable
      double f1 = EntityScores.evaluate(gold, pred).overall().f1();
      trials.add(new Trial(c, f1, (System.nanoTime() - t0) / 1e9));
      LOG.info("automl {} cv-f1={}", c.describe(), f1);
      if (f1 > bestF1) { bestF1 = f1; best = c; }
    }
    NerModel model = NerTrainer.train(data, best, clusters, deadline);
    return new Result(best, trials, model);
  }
}
