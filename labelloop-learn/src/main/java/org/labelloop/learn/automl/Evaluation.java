package org.labelloop.learn.automl;

import java.util.Arrays;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;

/** Out-of-fold scores of one candidate as folds complete (rows of unevaluated folds stay {@code null}). */
final class Evaluation {
  final Candidate candidate;
  final double[][] oofScores;
  final boolean[] foldDone;
  /** Accuracy on each evaluated fold's test rows (NaN until evaluated). */
  final double[] foldAccuracy;
  double seconds;
  double temperature = 1;
  double[][] oofProba;
  Metrics metrics;
  double ece = Double.NaN;

  Evaluation(Candidate candidate, int n, int k) {
    this.candidate = candidate;
    this.oofScores = new double[n][];
    this.foldDone = new boolean[k];
    this.foldAccuracy = new double[k];
    Arrays.fill(foldAccuracy, Double.NaN);
  }

  volatile double lastFoldSeconds;
  /** Stored feature values per row, which the memory of a fit on more rows scales with. */
  volatile double nnzPerRow;

  synchronized void record(int fold, int[] testRows, int[] y, double[][] scores, double secs) {
    int correct = 0;
    for (int i = 0; i < testRows.length; i++) {
      oofScores[testRows[i]] = scores[i];
      if (Metrics.argmax(scores[i]) == y[testRows[i]]) correct++;
    }
    foldAccuracy[fold] = (double) correct / Math.max(1, testRows.length);
    seconds += secs;
    lastFoldSeconds = secs;
  }

  /** Mean of the evaluated folds' accuracies. */
  synchronized double meanFoldAccuracy() {
    return Arrays.stream(foldAccuracy).filter(Double::isFinite).average().orElse(Double.NaN);
  }

  /** Standard error of {@link #meanFoldAccuracy()} (sample SD over folds / sqrt(folds)); NaN below two folds. */
  synchronized double foldStandardError() {
    double[] a = Arrays.stream(foldAccuracy).filter(Double::isFinite).toArray();
    if (a.length < 2) return Double.NaN;
    double mean = Arrays.stream(a).average().orElseThrow();
    double ss = Arrays.stream(a).map(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(ss / (a.length - 1) / a.length);
  }

  synchronized void markDone(int fold) { foldDone[fold] = true; }

  synchronized boolean isDone(int fold) { return foldDone[fold]; }

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
    return new LeaderboardEntry(candidate.name(), foldsDone(), metrics.accuracy(), foldStandardError(), metrics.macroF1(),
        metrics.weightedPrecision(), metrics.weightedRecall(), metrics.weightedF1(), ece, seconds);
  }
}
