package org.labelloop.learn.automl;

import java.util.Arrays;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;

/** Out-of-fold scores of one candidate as folds complete (rows of unevaluated folds stay {@code null}). */
final class Evaluation {
  final Candidate candidate;
  final double[][] oofScores;
  final boolean[] foldDone;
  double seconds;
  double temperature = 1;
  double[][] oofProba;
  Metrics metrics;
  double ece = Double.NaN;

  Evaluation(Candidate candidate, int n, int k) {
    this.candidate = candidate;
    this.oofScores = new double[n][];
    this.foldDone = new boolean[k];
  }

  volatile double lastFoldSeconds;
  /** Stored feature values per row, which the memory of a fit on more rows scales with. */
  volatile double nnzPerRow;

  synchronized void record(int[] testRows, double[][] scores, double secs) {
    for (int i = 0; i < testRows.length; i++) oofScores[testRows[i]] = scores[i];
    seconds += secs;
    lastFoldSeconds = secs;
  }

  synchronized void markDone(int fold) { foldDone[fold] = true; }

  synchronized int foldsDone() {
    int c = 0;
    for (boolean b : foldDone) if (b) c++;
    return c;
  }

  /** Calibrates on the rows evaluated so far and computes metrics on them. */
  synchronized void summarize(int[] y, int numClasses) {
    int[] rows = java.util.stream.IntStream.range(0, y.length).filter(i -> oofScores[i] != null).toArray();
    if (rows.length == 0) return;
    double[][] s = Arrays.stream(rows).mapToObj(i -> oofScores[i]).toArray(double[][]::new);
    int[] yy = Arrays.stream(rows).map(i -> y[i]).toArray();
    temperature = Calibration.fitTemperature(s, yy);
    double[][] p = Calibration.softmax(s, temperature);
    metrics = Metrics.ofProba(yy, p, numClasses);
    ece = Calibration.ece(p, yy, 15);
    if (rows.length == y.length) oofProba = p;
  }

  LeaderboardEntry entry() {
    return new LeaderboardEntry(candidate.name(), foldsDone(), metrics.accuracy(), metrics.macroF1(),
        metrics.weightedPrecision(), metrics.weightedRecall(), metrics.weightedF1(), ece, seconds);
  }
}
