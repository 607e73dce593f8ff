package org.labelloop.learn.learner;

import org.labelloop.learn.feature.SparseMatrix;

/**
 * Complement naive Bayes (Rennie et al., ICML 2003): each class is scored by how unlike the <em>other</em> classes'
 * term distribution a document is, which corrects multinomial NB's bias on skewed classes. Needs non-negative
 * features (counts or TF-IDF). Matches scikit-learn's {@code ComplementNB(norm=False)}.
 */
public record ComplementNbLearner(double alpha) implements Learner {
  public ComplementNbLearner {
    if (!(alpha > 0)) throw new IllegalArgumentException("alpha must be positive");
  }

  @Override public String name() { return "cnb(a=" + LinearSvmLearner.fmt(alpha) + ")"; }

  @Override public boolean needsNonNegative() { return true; }

  @Override public Scorer fit(SparseMatrix x, int[] y, int numClasses) {
    int d = x.cols();
    double[][] featureCount = new double[numClasses][d];
    double[] all = new double[d];
    for (int r = 0; r < x.rows(); r++) {
      for (int k = x.start(r); k < x.end(r); k++) {
        float v = Math.max(0f, x.val(k));
        featureCount[y[r]][x.col(k)] += v;
        all[x.col(k)] += v;
      }
    }
    double total = 0;
    for (double v : all) total += v;
    double[][] w = new double[numClasses][d + 1];
    for (int c = 0; c < numClasses; c++) {
      double classTotal = 0;
      for (double v : featureCount[c]) classTotal += v;
      double denom = total - classTotal + alpha * d;
      for (int j = 0; j < d; j++) w[c][j] = -Math.log((all[j] - featureCount[c][j] + alpha) / denom);
    }
    return new LinearScorer(w, 0);
  }
}
