package org.labelloop.learn.tabular;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.labelloop.learn.automl.Folds;
import org.labelloop.learn.automl.LeaderboardEntry;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.automl.Search;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.learner.XgboostLearner;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.model.ModelCard;

/**
 * The table task of the {@link Search}: every learner of the space is an arm over the encoded rows (stratified folds,
 * duplicate rows kept in one fold), calibrated by temperature scaling on its out-of-fold scores; arms of equal accuracy
 * are told apart by calibrated log-loss. The search gets four fifths of the budget and the chosen learner is refit on
 * every labeled row in the rest (at least one and a half of its fold times, so a boosted model is not cut to a few
 * rounds). Learners that need more rows than there are labeled ({@link Learner#minRows()}) sit out. Fewer than 4 rows:
 * the first learner is fit without CV (metrics NaN).
 *
 * <p>Few labels (under {@link #FEW_LABELS}): 5 folds would test on a handful of rows each, so accuracy moves in
 * steps of 10-20 % and ties; the search then validates by leave-one-out and scores each arm by its own held-out
 * log-loss (before temperature scaling, which would forgive an overconfident, under-regularised model), a proper score
 * that every held-out row moves a little. Boosted trees, which hold out rows of their own for early stopping, are not
 * eligible there ({@link Learner#minRows()}).
 *
 * <p>The encoder is fitted before the search and is not label-aware, so fitting it on all rows (the unlabeled too)
 * leaks nothing into the folds.
 */
public final class TabularAutoMl {
  /** Labeled rows below which the search validates by leave-one-out and scores by held-out log-loss. */
  public static final int FEW_LABELS = 50;

  private final Config config;
  private final Clock clock;

  /** Folds requested (capped by the smallest class), wall-clock budget, seed, parallel jobs and the learners tried. */
  public record Config(int folds, Duration budget, long seed, int threads, List<Learner> learners) {
    public Config {
      learners = List.copyOf(learners);
      if (folds < 2 || threads < 1 || learners.isEmpty() || !budget.isPositive()) {
        throw new IllegalArgumentException("need folds >= 2, threads >= 1, a positive budget and a learner");
      }
    }

    public static Config defaults(Duration budget, long seed) {
      return new Config(5, budget, seed, Runtime.getRuntime().availableProcessors(), defaultSpace(seed));
    }
  }

  /**
   * L2-regularised logistic regression over C, and boosted trees over learning rate × depth × min child weight with
   * early stopping (up to 300 rounds, patience 20; trees join once there are rows to hold out for it, see
   * {@link Learner#minRows()}). Linear first: cheapest, and best on a handful of labels.
   */
  public static List<Learner> defaultSpace(long seed) {
    List<Learner> s = new ArrayList<>();
    for (double c : new double[] {0.1, 0.3, 1, 3, 10, 100}) s.add(new LiblinearLrLearner(c));
    for (double eta : new double[] {0.1, 0.3}) {
      for (int depth : new int[] {3, 6}) {
        for (double mcw : new double[] {1, 5}) s.add(new XgboostLearner(300, depth, eta, mcw, 20, seed, 1));
      }
    }
    return s;
  }

  /** Names for the CLI's {@code --learner} with {@code --task tabular}. */
  public static List<String> spaceNames() { return List.of("auto", "lr", "xgb"); }

  /** {@code auto}: {@link #defaultSpace}; {@code lr}: logistic regression with C=1; {@code xgb}: one tree configuration. */
  public static List<Learner> space(String name, long seed) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "auto" -> defaultSpace(seed);
      case "lr" -> List.of(new LiblinearLrLearner(1));
      case "xgb" -> List.of(new XgboostLearner(300, 6, 0.1, 1, 20, seed, 1));
      default -> throw new IllegalArgumentException(
          "unknown tabular learner '" + name + "' (known: " + String.join(", ", spaceNames()) + ")");
    };
  }

  /** What a search returns: the leaderboard (best first), the best entry and the model refit on all labeled rows. */
  public record Result(List<LeaderboardEntry> leaderboard, LeaderboardEntry best, TabularModel model) {
    public Result {
      leaderboard = List.copyOf(leaderboard);
    }
  }

  public TabularAutoMl(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Searches on rows {@code rows} of {@code table} labeled {@code labels} (aligned with {@code rows}); {@code encoded}
   * is {@code encoder.transform(table)}. No unlabeled rows: the search is supervised only.
   */
  public Result fit(Table table, TableEncoder encoder, SparseMatrix encoded, int[] rows, List<String> labels,
      Progress progress) {
    return fit(table, encoder, encoded, rows, labels, new int[0], progress);
  }

  /**
   * As {@link #fit(Table, TableEncoder, SparseMatrix, int[], List, Progress)}, with the rows of the pool that have no
   * label yet ({@code unlabeled}), which the search learns from below {@link #FEW_LABELS} when the labels follow their
   * clusters (see {@link #semiSupervisedOr}).
   */
  public Result fit(Table table, TableEncoder encoder, SparseMatrix encoded, int[] rows, List<String> labels,
      int[] unlabeled, Progress progress) {
    long start = clock.millis();
    long deadline = start + config.budget().toMillis();
    if (rows.length != labels.size()) throw new IllegalArgumentException("one label per row expected");
    List<String> classes = labels.stream().distinct().sorted().toList();
    if (classes.size() < 2) throw new IllegalArgumentException("need at least two classes, found " + classes.size());
    int k = classes.size(), n = rows.length;
    int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
    SparseMatrix x = encoded.rows(rows);
    String snapshot = snapshotHash(table, rows, labels);
    List<Learner> space = config.learners().stream().filter(l -> l.minRows() <= n).toList();
    if (space.isEmpty()) space = config.learners();
    if (n < 4) {
      Learner first = space.get(0);
      LeaderboardEntry e = new LeaderboardEntry(name(encoder, first), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, 0);
      return new Result(List.of(e), e, refit(encoder, first, x, y, classes, 1, e, null, snapshot, start, deadline));
    }
    List<String> keys = Arrays.stream(rows).mapToObj(r -> String.join("\u0001", table.rows().get(r))).toList();
    Folds loo = n < FEW_LABELS ? leaveOneOut(keys) : null;
    Folds folds = loo != null ? loo : Folds.stratified(keys, y, k, config.folds(), config.seed());
    if (loo != null) space = semiSupervisedOr(space, encoded, unlabeled, x, y, k, config.seed());
    List<Arm> arms = space.stream().map(l -> new Arm(name(encoder, l), l, x, y, k, folds, loo != null)).toList();
    long searchDeadline = start + config.budget().toMillis() * 4 / 5;
    Search.Outcome outcome = new Search(folds.k(), config.threads(), clock).run(arms, searchDeadline, progress);
    List<LeaderboardEntry> board = outcome.ranked().stream().map(t -> ((Arm) t.arm()).entry(t)).toList();
    Search.Trial chosen = outcome.chosen();
    Arm best = (Arm) chosen.arm();
    LeaderboardEntry entry = best.entry(chosen);
    long refitDeadline = Math.max(deadline, clock.millis() + (long) (1500 * chosen.seconds() / chosen.folds()));
    return new Result(board, entry,
        refit(encoder, best.learner, x, y, classes, best.temperature, entry, best.metrics, snapshot, start, refitDeadline));
  }

  /**
   * Below {@link #FEW_LABELS}: the semi-supervised discriminant alone when the labels follow the pool's clusters
   * ({@link SemiSupervisedLda#labelsFollowClusters}), else {@code space} without it. Leave-one-out does not choose
   * between them: margin sampling labels the rows on the boundary of the model that picked them, so leave-one-out on
   * those rows scores the model that drove the sampling worst (BENCHMARKS "Guards against a wrong EM mode").
   */
  private static List<Learner> semiSupervisedOr(List<Learner> space, SparseMatrix encoded, int[] unlabeled,
      SparseMatrix x, int[] y, int k, long seed) {
    if (!SemiSupervisedLda.fits(encoded.cols(), unlabeled.length)) return space;
    int[] pool = atMost(unlabeled, SemiSupervisedLda.MAX_POOL, seed);
    SemiSupervisedLda lda = new SemiSupervisedLda(encoded.rows(pool).toDense());
    return lda.labelsFollowClusters(x, y, k) ? List.of(lda) : space;
  }

  /** {@code rows}, or a seeded sample of {@code max} of them when there are more (a partial Fisher-Yates shuffle). */
  public static int[] atMost(int[] rows, int max, long seed) {
    if (rows.length <= max) return rows;
    int[] r = rows.clone();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < max; i++) {
      int j = i + random.nextInt(r.length - i), t = r[i];
      r[i] = r[j];
      r[j] = t;
    }
    return Arrays.copyOf(r, max);
  }

  private TabularModel refit(TableEncoder encoder, Learner learner, SparseMatrix x, int[] y, List<String> classes,
      double temperature, LeaderboardEntry entry, Metrics metrics, String snapshot, long start, long deadline) {
    Scorer s = learner.fit(x, y, classes.size(), deadline);
    TreeMap<String, String> hyper = new TreeMap<>();
    hyper.put("features", encoder.shortName());
    hyper.put("columns", String.join(",", encoder.columns()));
    hyper.put("learner", learner.toString());
    hyper.put("temperature", Double.toString(temperature));
    ModelCard card = new ModelCard(entry.config(), List.of("1x" + entry.config()), hyper, config.seed(), snapshot,
        x.rows(), classes, entry.folds(), entry.cvAccuracy(), entry.macroF1(), entry.ece(),
        ModelCard.confusion(metrics == null ? null : metrics.confusion()), org.labelloop.learn.model.LibraryVersions.packaged(),
        clock.millis() - start);
    return new TabularModel(classes, encoder, s, temperature, card);
  }

  /**
   * Leave-one-out over distinct rows (copies of a row share a fold), or null when there are fewer than two distinct
   * rows. Below {@link #FEW_LABELS} it replaces k-fold CV, whose folds would hold a handful of rows each.
   */
  static Folds leaveOneOut(List<String> keys) {
    Map<String, Integer> group = new HashMap<>();
    int[] foldOf = keys.stream().mapToInt(key -> group.computeIfAbsent(key, x -> group.size())).toArray();
    return group.size() < 2 ? null : new Folds(foldOf, group.size());
  }

  private static String name(TableEncoder encoder, Learner learner) { return encoder.shortName() + "/" + learner.name(); }

  /** SHA-256 (hex) of the labeled rows' cells and labels, in order. */
  static String snapshotHash(Table table, int[] rows, List<String> labels) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < rows.length; i++) {
        for (String v : table.rows().get(rows[i])) md.update((String.valueOf(v) + '\u0000').getBytes(StandardCharsets.UTF_8));
        md.update((labels.get(i) + '\u0001').getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int[] pick(int[] v, int[] at) {
    int[] r = new int[at.length];
    for (int i = 0; i < at.length; i++) r[i] = v[at[i]];
    return r;
  }

  /** One learner as an arm of the search: its out-of-fold scores as its folds complete. */
  private static final class Arm implements Search.Arm {
    final String name;
    final Learner learner;
    final SparseMatrix x;
    final int[] y;
    final int k;
    final Folds folds;
    /** Score folds by held-out log-loss before temperature scaling instead of accuracy (see the class comment). */
    final boolean byRawLogLoss;
    final double[][] oof;
    double temperature = 1;
    Metrics metrics;
    double ece;
    double logLoss = Double.NaN;
    double rawLogLoss = Double.NaN;

    Arm(String name, Learner learner, SparseMatrix x, int[] y, int k, Folds folds, boolean byRawLogLoss) {
      this.name = name;
      this.learner = learner;
      this.x = x;
      this.y = y;
      this.k = k;
      this.folds = folds;
      this.byRawLogLoss = byRawLogLoss;
      this.oof = new double[y.length][];
    }

    @Override public String name() { return name; }

    @Override public double evaluate(int fold, long deadlineMillis) {
      int[] train = folds.train(fold), test = folds.test(fold);
      double[][] scores = learner.fit(x.rows(train), pick(y, train), k, deadlineMillis).scores(x.rows(test));
      int correct = 0;
      synchronized (this) {
        for (int i = 0; i < test.length; i++) {
          oof[test[i]] = scores[i];
          if (Metrics.argmax(scores[i]) == y[test[i]]) correct++;
        }
      }
      return byRawLogLoss ? -Calibration.nll(scores, pick(y, test), 1) : (double) correct / test.length;
    }

    /** Calibrated log-loss: on a few dozen labels many learners tie on accuracy, and it tells the confident from the lucky. */
    @Override public double tieBreak() {
      summarize();
      return byRawLogLoss ? rawLogLoss : logLoss;
    }

    synchronized void summarize() {
      int[] at = IntStream.range(0, y.length).filter(i -> oof[i] != null).toArray();
      double[][] s = Arrays.stream(at).mapToObj(i -> oof[i]).toArray(double[][]::new);
      int[] yy = pick(y, at);
      temperature = Calibration.fitTemperature(s, yy);
      double[][] p = Calibration.softmax(s, temperature);
      metrics = Metrics.ofProba(yy, p, k);
      ece = Calibration.ece(p, yy, 15);
      logLoss = Calibration.nll(s, yy, temperature);
      rawLogLoss = Calibration.nll(s, yy, 1);
    }

    LeaderboardEntry entry(Search.Trial t) {
      summarize();
      return new LeaderboardEntry(name, t.folds(), metrics.accuracy(), t.standardError(), metrics.macroF1(),
          metrics.weightedPrecision(), metrics.weightedRecall(), metrics.weightedF1(), ece, t.seconds());
    }
  }
}
