package org.labelloop.learn.metrics;

/**
 * Classification metrics from a confusion matrix: accuracy, macro-F1 and support-weighted precision, recall and F1
 * (scikit-learn's definitions; a class with no predictions has precision 0).
 */
public record Metrics(int[][] confusion, double accuracy, double macroF1, double weightedPrecision,
    double weightedRecall, double weightedF1) {

  public Metrics {
    if (confusion.length == 0) throw new IllegalArgumentException("no classes");
  }

  public static Metrics of(int[] truth, int[] predicted, int numClasses) {
    if (truth.length != predicted.length) throw new IllegalArgumentException("length mismatch");
    int[][] cm = new int[numClasses][numClasses];
    for (int i = 0; i < truth.length; i++) cm[truth[i]][predicted[i]]++;
    int correct = 0, n = truth.length;
    double macro = 0, wp = 0, wr = 0, wf = 0;
    int present = 0;
    for (int c = 0; c < numClasses; c++) {
      correct += cm[c][c];
      int support = 0, predictedC = 0;
      for (int k = 0; k < numClasses; k++) {
        support += cm[c][k];
        predictedC += cm[k][c];
      }
      double p = predictedC == 0 ? 0 : (double) cm[c][c] / predictedC;
      double r = support == 0 ? 0 : (double) cm[c][c] / support;
      double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
      if (support > 0 || predictedC > 0) {
        macro += f;
        present++;
      }
      wp += p * support;
      wr += r * support;
      wf += f * support;
    }
    return new Metrics(cm, n == 0 ? 0 : (double) correct / n, present == 0 ? 0 : macro / present,
        n == 0 ? 0 : wp / n, n == 0 ? 0 : wr / n, n == 0 ? 0 : wf / n);
  }

  /** Metrics of the arg-max predictions of probability (or score) rows. */
  public static Metrics ofProba(int[] truth, double[][] proba, int numClasses) {
    int[] pred = new int[proba.length];
    for (int i = 0; i < proba.length; i++) pred[i] = argmax(proba[i]);
    return of(truth, pred, numClasses);
  }

  public static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }
}
