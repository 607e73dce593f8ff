package org.labelloop.learn.automl;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;

/**
 * Greedy ensemble selection with replacement (Caruana et al., ICML 2004; the auto-sklearn default): start from the
 * best model and repeatedly add the model whose inclusion most improves out-of-fold accuracy (ties: lower log-loss)
 * of the averaged probabilities; keep the best prefix. Returns a weight (selection count) per library model.
 *
 * <p>Weights chosen on the same out-of-fold predictions they are scored on overstate the ensemble's accuracy, so
 * {@link #nestedAccuracy} scores the whole procedure (temperatures, then selection) by nested cross-validation.
 */
final class EnsembleSelection {
  private EnsembleSelection() {}

  static int[] select(List<double[][]> library, int[] y, int[] rows, int rounds) {
    int m = library.size(), k = library.get(0)[0].length;
    int[] counts = new int[m], bestCounts = null;
    double[][] sum = new double[y.length][k];
    double bestAcc = -1, bestNll = Double.MAX_VALUE;
    List<Integer> order = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      int pick = -1;
      double pa = -1, pn = Double.MAX_VALUE;
      for (int j = 0; j < m; j++) {
        double[] an = score(sum, library.get(j), y, rows, order.size() + 1);
        if (an[0] > pa || (an[0] == pa && an[1] < pn)) { pa = an[0]; pn = an[1]; pick = j; }
      }
      order.add(pick);
      counts[pick]++;
      for (int i : rows) for (int c = 0; c < k; c++) sum[i][c] += library.get(pick)[i][c];
      if (pa > bestAcc || (pa == bestAcc && pn < bestNll - 1e-9)) {
        bestAcc = pa;
        bestNll = pn;
        bestCounts = counts.clone();
      }
    }
    return bestCounts;
  }

  /**
   * Accuracy of ensemble selection on held-out folds: for each fold, every model's temperature is fit and the weights
   * are selected on the out-of-fold scores of the <em>other</em> folds only, then the blend is scored on this fold.
   * The base scores are themselves out-of-fold, so no fitted step ever sees the rows it is scored on.
   */
  static double nestedAccuracy(List<double[][]> scores, int[] y, Folds folds, int rounds) {
    int correct = 0;
    for (int f = 0; f < folds.k(); f++) {
      int held = f;
      int[] fit = IntStream.range(0, y.length).filter(i -> folds.foldOf()[i] != held).toArray();
      int[] yFit = IntStream.of(fit).map(i -> y[i]).toArray();
      List<double[][]> probs = new ArrayList<>();
      for (double[][] s : scores) {
        double[][] sub = IntStream.of(fit).mapToObj(i -> s[i]).toArray(double[][]::new);
        probs.add(Calibration.softmax(s, Calibration.fitTemperature(sub, yFit)));
      }
      double[][] blended = blend(probs, select(probs, y, fit, rounds));
      for (int i : folds.test(f)) if (Metrics.argmax(blended[i]) == y[i]) correct++;
    }
    return (double) correct / y.length;
  }

  /** Accuracy and mean log-loss of {@code (sum + add) / size} on the rows. */
  private static double[] score(double[][] sum, double[][] add, int[] y, int[] rows, int size) {
    int correct = 0;
    double nll = 0;
    double[] p = new double[add[0].length];
    for (int i : rows) {
      for (int c = 0; c < p.length; c++) p[c] = (sum[i][c] + add[i][c]) / size;
      if (Metrics.argmax(p) == y[i]) correct++;
      nll -= Math.log(Math.max(1e-15, p[y[i]]));
    }
    return new double[] {(double) correct / rows.length, nll / rows.length};
  }

  /** Averaged probabilities of a weighted ensemble. */
  static double[][] blend(List<double[][]> library, int[] weights) {
    return Calibration.average(library, weights);
  }
}
