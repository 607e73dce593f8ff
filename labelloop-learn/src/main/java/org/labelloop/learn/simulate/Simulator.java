package org.labelloop.learn.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.QueryStrategy;
import org.labelloop.learn.strategy.Strategies;

/**
 * Offline replay of active learning on a fully labeled pool, in the spirit of Caffeine's cache simulator: the same
 * initial labels go through each strategy from the one registry the server's queue uses ({@link Strategies}); each
 * round the task ({@link Replay}) trains and measures, the strategy picks a batch from the unlabeled pool, and those
 * labels are revealed. One loop for every task. Where the task offers its pool's vectors before any model
 * ({@link Replay#unscored}; text with embeddings), every strategy but random starts as the server's queue does before
 * its first model: with the first items of the cold-start order; random, the passive baseline, and every strategy of
 * the other tasks start with the repeat's shared random set.
 */
public final class Simulator {
  private Simulator() {}

  /** Every strategy and repeat of {@code config} over {@code task}'s pool; progress counts rounds. */
  public static List<CurvePoint> run(Replay task, SimulationConfig config, Progress progress) {
    int size = task.poolSize();
    int budget = Math.min(config.budget(), size);
    int first = Math.min(config.initial(), budget);
    int rounds = 1 + (int) Math.ceil((budget - first) / (double) config.batch());
    int total = rounds * config.strategies().size() * config.repeats();
    int step = 0;
    List<CurvePoint> points = new ArrayList<>();
    for (int rep = 0; rep < config.repeats(); rep++) {
      int[] initial = Arrays.copyOf(permutation(size, new SplittableRandom(config.seed() + 1000L * rep)), first);
      for (String name : config.strategies()) {
        QueryStrategy strategy = Strategies.named(name);
        SplittableRandom random = new SplittableRandom(config.seed() * 31 + rep);
        boolean[] labeled = new boolean[size];
        List<Integer> order = new ArrayList<>();
        for (int i : start(task, strategy, initial, random)) { labeled[i] = true; order.add(i); }
        while (true) {
          int[] rows = order.stream().mapToInt(Integer::intValue).toArray();
          int[] unlabeled = rows.length >= budget ? new int[0] : IntStream.range(0, size).filter(i -> !labeled[i]).toArray();
          Replay.Round round = task.round(rows, unlabeled);
          CurvePoint point = new CurvePoint(strategy.name(), rep, rows.length, round.metrics());
          points.add(point);
          progress.update(++step, total, String.format(java.util.Locale.ROOT, "%s %d labels %s=%.4f", strategy.name(),
              rows.length, task.quality(), point.metric(task.quality())));
          if (unlabeled.length == 0) break;
          for (int p : strategy.select(round.unlabeled(), Math.min(config.batch(), budget - rows.length), random)) {
            labeled[unlabeled[p]] = true;
            order.add(unlabeled[p]);
          }
        }
      }
    }
    return points;
  }

  /** The labels {@code strategy} starts with: the cold-start order's first ones, or {@code shared} (see the class note). */
  static int[] start(Replay task, QueryStrategy strategy, int[] shared, SplittableRandom random) {
    Candidates pool = task.unscored();
    if (pool.vectors() == null || strategy.name().equals("random")) return shared;
    int head = Math.max(Strategies.COLD_START_HEAD, shared.length);
    return Arrays.copyOf(strategy.select(pool, head, random), shared.length);
  }

  /** Area under the learning curve: the mean of {@code metric} over its points. */
  public static double aulc(List<CurvePoint> curve, String metric) {
    return curve.stream().mapToDouble(p -> p.metric(metric)).average().orElse(Double.NaN);
  }

  /**
   * The fewest labels at which the curve's {@code metric}, averaged over its repeats, reaches {@code target}; empty
   * when it never does within the budget. "Labels to reach 95 % of full-pool accuracy" is this with {@code target} =
   * 0.95 × the accuracy of a model trained on the whole pool.
   */
  public static OptionalInt labelsToReach(List<CurvePoint> curve, String metric, double target) {
    Map<Integer, Double> mean = new TreeMap<>(curve.stream().collect(
        Collectors.groupingBy(CurvePoint::labels, Collectors.averagingDouble(p -> p.metric(metric)))));
    return mean.entrySet().stream().filter(e -> e.getValue() >= target).mapToInt(Map.Entry::getKey).findFirst();
  }

  static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }
}
