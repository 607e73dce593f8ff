package org.labelloop.learn.automl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The one model search of every task (texts, entities, tables, images, audio): a task offers its candidates as
 * {@link Arm}s, each able to fit and score itself on one cross-validation fold, and this class decides which arm sees
 * which fold, when to stop, and which arm to choose.
 *
 * <p>Successive halving (Jamieson &amp; Talwalkar 2016, as in ASHA) with folds as the resource: every arm is scored on
 * one fold, the better half (at least {@link #MID_SIZE}) on half the folds, the better half of those (at least
 * {@link #TOP_SIZE}) on every fold; budget left promotes the rest, so a generous budget ends with every arm fully
 * cross-validated. A fold is not started when it is not expected to end before the deadline (the arm's last fold
 * time, else the mean fold time so far), and the deadline is handed to the arm so a learner that can stop early
 * (boosting rounds) does. The choice is the simplest arm within one standard error of the best mean fold score among
 * those seen on every fold (Breiman et al. 1984, Hastie et al. 2009 §7.10); simpler is lower
 * {@link Arm#complexity()}, then lower {@link Arm#tieBreak()}, then earlier in the task's list (tasks list stronger
 * regularisation and their defaults first). Fold × arm jobs run on {@code threads} workers.
 */
public final class Search {
  /** Arms kept for half the folds after the first: a one-fold score is too noisy to drop more on. */
  static final int MID_SIZE = 8;
  /** Arms taken to every fold before the budget left promotes the rest. */
  static final int TOP_SIZE = 4;

  /** One candidate of a task: a featurizer, learner and hyperparameters, evaluated one fold at a time. */
  public interface Arm {
    String name();

    /**
     * Fits on the fold's training part and returns the score (higher is better) on its held-out part, or NaN when it
     * could not finish by {@code deadlineMillis} (the fold then counts as not evaluated). Called from worker threads,
     * for different folds concurrently.
     */
    double evaluate(int fold, long deadlineMillis);

    /** Lower is simpler (e.g. stored values per row); read once evaluation is over. */
    default double complexity() { return 0; }

    /** Orders arms of equal mean score, lower first (e.g. calibrated log-loss); read once evaluation is over. */
    default double tieBreak() { return 0; }
  }

  /** An arm's fold scores so far. */
  public static final class Trial {
    private final Arm arm;
    private final int index;
    private final double[] foldScore;
    private double seconds;
    private volatile double lastSeconds;

    Trial(Arm arm, int index, int folds) {
      this.arm = arm;
      this.index = index;
      this.foldScore = new double[folds];
      Arrays.fill(foldScore, Double.NaN);
    }

    public Arm arm() { return arm; }

    /** Position in the task's list of arms. */
    public int index() { return index; }

    public synchronized int folds() { return (int) Arrays.stream(foldScore).filter(Double::isFinite).count(); }

    public synchronized boolean complete() { return folds() == foldScore.length; }

    public synchronized double seconds() { return seconds; }

    /** Mean of the evaluated folds' scores (NaN before any). */
    public synchronized double meanScore() {
      return Arrays.stream(foldScore).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** Standard error of {@link #meanScore()} (sample SD over folds / sqrt(folds)); NaN below two folds. */
    public synchronized double standardError() {
      double[] a = Arrays.stream(foldScore).filter(Double::isFinite).toArray();
      if (a.length < 2) return Double.NaN;
      double mean = Arrays.stream(a).average().orElseThrow();
      double ss = Arrays.stream(a).map(v -> (v - mean) * (v - mean)).sum();
      return Math.sqrt(ss / (a.length - 1) / a.length);
    }

    synchronized boolean isDone(int fold) { return Double.isFinite(foldScore[fold]); }

    synchronized void record(int fold, double score, double secs) {
      seconds += secs;
      lastSeconds = secs;
      if (Double.isFinite(score)) foldScore[fold] = score;
    }
  }

  /**
   * @param ranked every arm evaluated on at least one fold: the most folds first, then by mean score
   * @param preferred the arms seen on every fold in the order of the one-standard-error rule (the chosen first), else
   *     {@code ranked}
   */
  public record Outcome(List<Trial> ranked, List<Trial> preferred) {
    public Outcome {
      ranked = List.copyOf(ranked);
      preferred = List.copyOf(preferred);
    }

    public Trial chosen() { return preferred.get(0); }

    public List<Trial> complete() { return ranked.stream().filter(Trial::complete).toList(); }
  }

  private final int folds;
  private final int threads;
  private final Clock clock;
  private final double[] jobStats = new double[2]; // total seconds, count

  public Search(int folds, int threads, Clock clock) {
    if (folds < 1 || threads < 1) throw new IllegalArgumentException("need folds >= 1 and threads >= 1");
    this.folds = folds;
    this.threads = threads;
    this.clock = clock;
  }

  /** Evaluates {@code arms} until every rung is done or {@code deadlineMillis}; throws when no arm saw a fold. */
  public Outcome run(List<? extends Arm> arms, long deadlineMillis, Progress progress) {
    if (arms.isEmpty()) throw new IllegalArgumentException("empty search space");
    List<Trial> trials = IntStream.range(0, arms.size()).mapToObj(i -> new Trial(arms.get(i), i, folds)).toList();
    int firstFolds = Math.max(1, folds / 5);
    int midFolds = Math.max(firstFolds, (folds + 1) / 2);
    int midSize = Math.min(trials.size(), Math.max(MID_SIZE, trials.size() / 2));
    int topSize = Math.min(midSize, Math.max(TOP_SIZE, midSize / 2));
    AtomicInteger done = new AtomicInteger();
    int total = trials.size() * firstFolds + midSize * (midFolds - firstFolds) + topSize * (folds - midFolds);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      run(pool, trials, range(0, firstFolds), deadlineMillis, done, total, progress);
      List<Trial> middle = rank(trials).stream().limit(midSize).toList();
      run(pool, middle, range(firstFolds, midFolds), deadlineMillis, done, total, progress);
      List<Trial> order = new ArrayList<>(rank(middle));
      rank(trials).stream().filter(t -> !middle.contains(t)).forEach(order::add);
      run(pool, order.subList(0, Math.min(order.size(), topSize)), range(midFolds, folds), deadlineMillis, done, total,
          progress);
      for (int next = topSize; next < order.size() && clock.millis() < deadlineMillis; ) {
        List<Trial> batch = order.subList(next, Math.min(order.size(), next + threads * 2));
        next += batch.size();
        run(pool, batch, range(firstFolds, folds), deadlineMillis, done, total, progress);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Trial> ranked = rank(trials);
    if (ranked.isEmpty()) throw new IllegalStateException("time budget too small to evaluate any configuration");
    List<Trial> complete = ranked.stream().filter(Trial::complete).toList();
    return new Outcome(ranked, complete.isEmpty() ? ranked : withinOneStandardError(complete));
  }

  /** Evaluated trials, the most folds first, then by mean score, tie-break and position. */
  static List<Trial> rank(List<Trial> trials) {
    return trials.stream().filter(t -> t.folds() > 0)
        .sorted(Comparator.comparingInt((Trial t) -> -t.folds())
            .thenComparingDouble(t -> -t.meanScore())
            .thenComparingDouble(t -> t.arm().tieBreak())
            .thenComparingInt(Trial::index))
        .toList();
  }

  /**
   * {@code ranked} reordered by the one-standard-error rule: the trials whose mean score is within one standard error
   * of the best mean come first, simplest first (equally simple ones by their tie-break, e.g. the better calibrated,
   * then by position), then the rest in rank order.
   */
  static List<Trial> withinOneStandardError(List<Trial> ranked) {
    Trial top = ranked.stream().max(Comparator.comparingDouble(Trial::meanScore)).orElseThrow();
    double se = top.standardError();
    if (!Double.isFinite(se)) return ranked;
    double bar = top.meanScore() - se;
    List<Trial> out = new ArrayList<>(ranked.stream().filter(t -> t.meanScore() >= bar)
        .sorted(Comparator.comparingDouble((Trial t) -> t.arm().complexity())
            .thenComparingDouble(t -> t.arm().tieBreak())
            .thenComparingInt(Trial::index))
        .toList());
    ranked.stream().filter(t -> !out.contains(t)).forEach(out::add);
    return out;
  }

  private void run(ExecutorService pool, List<Trial> trials, int[] foldIds, long deadline, AtomicInteger done,
      int total, Progress progress) {
    List<Future<?>> jobs = new ArrayList<>();
    for (int f : foldIds) {
      for (Trial t : trials) {
        jobs.add(pool.submit(() -> {
          if (t.isDone(f)) return;
          double expect = t.lastSeconds > 0 ? t.lastSeconds : meanJobSeconds();
          if (clock.millis() + (long) (expect * 1000) > deadline) return;
          long t0 = clock.millis();
          double score = t.arm().evaluate(f, deadline);
          double secs = (clock.millis() - t0) / 1e3;
          t.record(f, score, secs);
          synchronized (jobStats) {
            jobStats[0] += secs;
            jobStats[1]++;
          }
          progress.update(done.incrementAndGet(), total, t.arm().name());
        }));
      }
    }
    for (Future<?> j : jobs) {
      try {
        j.get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", ex);
      } catch (ExecutionException ex) {
        throw new IllegalStateException("evaluation failed: " + ex.getCause(), ex.getCause());
      }
    }
  }

  private double meanJobSeconds() {
    synchronized (jobStats) {
      return jobStats[1] == 0 ? 0 : jobStats[0] / jobStats[1];
    }
  }

  private static int[] range(int from, int to) { return IntStream.range(from, to).toArray(); }
}
