package org.labelloop.learn.automl;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;

/**
 * A text candidate as an arm of the {@link Search}: out-of-fold scores as folds complete (rows of unevaluated folds
 * stay {@code null}), then calibration and metrics on them.
 */
final class Evaluation implements Search.Arm {
  /**
   * What every text arm of one search shares: the folds, the feature cache, which of its rows the examples are, the
   * labels, and the featurized folds (a vocabulary is fit once per spec and fold and shared by all learners over it).
   */
  record Shared(Folds folds, FeatureCache cache, int[] cacheRows, int[] y, int k,
      Map<String, CompletableFuture<SparseMatrix>> features) {}

  final Candidate candidate;
  private final Shared shared;
  final double[][] oofScores;
  double temperature = 1;
  double[][] oofProba;
  Metrics metrics;
  double ece = Double.NaN;
  /** Stored feature values per row of each evaluated fold (NaN until evaluated). */
  private final double[] foldNnzPerRow;

  Evaluation(Candidate candidate, Shared shared) {
    this.candidate = candidate;
    this.shared = shared;
    this.oofScores = new double[shared.y().length][];
    this.foldNnzPerRow = new double[shared.folds().k()];
    Arrays.fill(foldNnzPerRow, Double.NaN);
  }

  @Override public String name() { return candidate.name(); }

  @Override public double complexity() { return nnzPerRow(); }

  /**
   * Stored feature values per row, which the memory of a fit on more rows scales with: the mean over the evaluated
   * folds, so arms over the same features and folds are equally complex whichever fold a worker finished last.
   */
  synchronized double nnzPerRow() {
    return Arrays.stream(foldNnzPerRow).filter(Double::isFinite).average().orElse(0);
  }

  @Override public double evaluate(int fold, long deadlineMillis) {
    int[] train = shared.folds().train(fold), test = shared.folds().test(fold);
    int[] ytr = pick(shared.y(), train);
    SparseMatrix x = features(candidate.spec(), fold, ytr);
    synchronized (this) {
      foldNnzPerRow[fold] = (double) x.nnz() / Math.max(1, x.rows());
    }
    Scorer s = candidate.learner().fit(x.rows(train), ytr, shared.k(), deadlineMillis);
    double[][] scores = s.scores(x.rows(test));
    int correct = 0;
    synchronized (this) {
      for (int i = 0; i < test.length; i++) {
        oofScores[test[i]] = scores[i];
        if (Metrics.argmax(scores[i]) == shared.y()[test[i]]) correct++;
      }
    }
    return (double) correct / Math.max(1, test.length);
  }

  /** Features of all rows, fitted (vocabulary, IDF, selection) on the fold's training rows, labeled {@code yTrain}. */
  private SparseMatrix features(FeatureSpec spec, int fold, int[] yTrain) {
    CompletableFuture<SparseMatrix> mine = new CompletableFuture<>();
    CompletableFuture<SparseMatrix> prior = shared.features().putIfAbsent(spec + "#" + fold, mine);
    if (prior != null) return prior.join();
    try {
      // only the labeled rows: the cache may also hold a large unlabeled pool
      FeatureCache cache = shared.cache();
      int[] rows = shared.cacheRows();
      mine.complete(Featurizer.fit(spec, cache, pick(rows, shared.folds().train(fold)), yTrain).transform(cache, rows));
    } catch (RuntimeException ex) {
      mine.completeExceptionally(ex);
      throw ex;
    }
    return mine.join();
  }

  /** Calibrates on the rows evaluated so far and computes metrics on them. */
  synchronized void summarize() {
    int[] y = shared.y();
    int[] rows = java.util.stream.IntStream.range(0, y.length).filter(i -> oofScores[i] != null).toArray();
    if (rows.length == 0) return;
    double[][] s = Arrays.stream(rows).mapToObj(i -> oofScores[i]).toArray(double[][]::new);
    int[] yy = pick(y, rows);
    temperature = Calibration.fitTemperature(s, yy);
    double[][] p = Calibration.softmax(s, temperature);
    metrics = Metrics.ofProba(yy, p, shared.k());
    ece = Calibration.ece(p, yy, 15);
    if (rows.length == y.length) oofProba = p;
  }

  /** The leaderboard's row: metrics on the out-of-fold rows, fold count and spread from {@code trial}. */
  LeaderboardEntry entry(Search.Trial trial) {
    return new LeaderboardEntry(candidate.name(), trial.folds(), metrics.accuracy(), trial.standardError(),
        metrics.macroF1(), metrics.weightedPrecision(), metrics.weightedRecall(), metrics.weightedF1(), ece,
        trial.seconds());
  }

  static int[] pick(int[] values, int[] at) {
    int[] r = new int[at.length];
    for (int i = 0; i < at.length; i++) r[i] = values[at[i]];
    return r;
  }
}
