package org.labelloop.learn.ner;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.automl.Search;

/**
 * The tagger's task of the {@link Search}: a small grid (feature set x L2 strength) as arms scored by entity F1 on
 * folds of a subsample, within a share of the time budget. The grid lists the default first, and every arm is equally
 * simple to the search, so it keeps the default unless another configuration beats it by more than a standard error.
 * The chosen configuration is then trained on all data with the time left, for five epochs at least.
 */
public final class NerSearch {
  /** One evaluated configuration: mean entity F1 over the folds it was scored on. */
  public record Trial(NerTrainingConfig config, double cvF1, int folds, double seconds) {}

  /** The chosen configuration, its trials (most folds, then best F1, first) and the final model. */
  public record Result(NerTrainingConfig best, List<Trial> trials, NerModel model) {
    public Result { trials = List.copyOf(trials); }
  }

  private final int folds;
  private final int maxSearchSentences;
  private final double searchShare;
  private final int threads;

  public NerSearch(int folds, int maxSearchSentences, double searchShare, int threads) {
    if (folds < 2) throw new IllegalArgumentException("folds must be >= 2");
    if (maxSearchSentences < folds) throw new IllegalArgumentException("maxSearchSentences must be >= folds");
    if (!(searchShare > 0 && searchShare < 1)) throw new IllegalArgumentException("searchShare must be in (0, 1)");
    this.folds = folds;
    this.maxSearchSentences = maxSearchSentences;
    this.searchShare = searchShare;
    this.threads = threads;
  }

  /** 3 folds of at most 2,000 sentences, 40 % of the budget, a worker per core. */
  public static NerSearch defaults() { return new NerSearch(3, 2000, 0.4, Runtime.getRuntime().availableProcessors()); }

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
   * Searches with {@code clusters} (built once by the caller, shared by every arm and fold; null for none), so the
   * grid also holds configurations with word-cluster features.
   */
  public Result search(List<NerSentence> data, long seed, double budgetSeconds, WordClusters clusters) {
    Clock clock = Clock.systemUTC();
    long start = clock.millis();
    long deadline = start + (long) (budgetSeconds * 1000);
    List<NerSentence> sample = new ArrayList<>(data);
    Collections.shuffle(sample, new Random(seed));
    if (sample.size() > maxSearchSentences) sample = sample.subList(0, maxSearchSentences);
    int k = Math.min(folds, sample.size());
    List<Arm> arms = new ArrayList<>();
    for (NerTrainingConfig c : grid(seed, clusters != null)) arms.add(new Arm(c, sample, k, clusters));
    NerTrainingConfig best = arms.get(0).config;
    List<Trial> trials = List.of();
    if (k >= 2) {
      long searchDeadline = start + (long) (budgetSeconds * searchShare * 1000);
      try {
        Search.Outcome o = new Search(k, threads, clock).run(arms, searchDeadline, Progress.NONE);
        best = ((Arm) o.chosen().arm()).config;
        trials = o.ranked().stream()
            .map(t -> new Trial(((Arm) t.arm()).config, t.meanScore(), t.folds(), t.seconds())).toList();
      } catch (IllegalStateException noneInTime) {
        // not one fold fitted in the search's share: train the default with the whole budget
      }
    }
    return new Result(best, trials, NerTrainer.trainAtLeast(data, best, clusters, nanoDeadline(deadline)));
  }

  /** {@code deadlineMillis} (epoch) on {@link System#nanoTime()}'s scale, as the CRF trainer reads it. */
  private static long nanoDeadline(long deadlineMillis) {
    long left = Math.min(Math.max(0, deadlineMillis - System.currentTimeMillis()), Long.MAX_VALUE / 4_000_000);
    return System.nanoTime() + left * 1_000_000;
  }

  /** One configuration, scored by entity F1 on the sentences {@code i % folds == fold} of the sample. */
  private record Arm(NerTrainingConfig config, List<NerSentence> sample, int folds, WordClusters clusters)
      implements Search.Arm {
    @Override public String name() { return config.describe(); }

    @Override public double evaluate(int fold, long deadlineMillis) {
      long deadlineNanos = nanoDeadline(deadlineMillis);
      List<NerSentence> train = new ArrayList<>();
      List<NerSentence> held = new ArrayList<>();
      for (int i = 0; i < sample.size(); i++) (i % folds == fold ? held : train).add(sample.get(i));
      NerModel m = NerTrainer.train(train, config, clusters, deadlineNanos);
      if (System.nanoTime() > deadlineNanos) return Double.NaN; // cut short: its score would not be comparable
      return EntityScores.evaluate(m, held).overall().f1();
    }
  }
}
