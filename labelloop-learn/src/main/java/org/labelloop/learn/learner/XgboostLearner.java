package org.labelloop.learn.learner;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.labelloop.learn.feature.SparseMatrix;

/**
 * Gradient-boosted trees (XGBoost4J, {@code multi:softprob}, histogram method) for dense features: embeddings or
 * tabular columns. Not meant for wide sparse TF-IDF. One thread per model by default: AutoML already runs folds in
 * parallel, and a fixed thread count keeps results reproducible. Scores are log-probabilities.
 */
public record XgboostLearner(int rounds, int maxDepth, double eta, long seed, int threads) implements Learner {
  public XgboostLearner {
    if (rounds < 1 || maxDepth < 1 || !(eta > 0) || threads < 1) throw new IllegalArgumentException("bad XGBoost settings");
  }

  public XgboostLearner(int rounds, int maxDepth) { this(rounds, maxDepth, 0.1, 1, 1); }

  @Override public String name() { return "xgb(r=" + rounds + ",d=" + maxDepth + ")"; }

  @Override public Scorer fit(SparseMatrix x, int[] y, int numClasses) {
    try {
      DMatrix m = matrix(x);
      float[] labels = new float[y.length];
      for (int i = 0; i < y.length; i++) labels[i] = y[i];
      m.setLabel(labels);
      Map<String, Object> p = new HashMap<>();
      p.put("objective", "multi:softprob");
      p.put("num_class", numClasses);
      p.put("max_depth", maxDepth);
      p.put("eta", eta);
      p.put("seed", seed);
      p.put("nthread", threads);
      p.put("tree_method", "hist");
      p.put("verbosity", 0);
      Booster b = XGBoost.train(m, p, rounds, new HashMap<>(), null, null);
      byte[] bytes = b.toByteArray();
      b.dispose();
      m.dispose();
      return new XgbScorer(bytes, numClasses, x.cols());
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
    }
  }

  static DMatrix matrix(SparseMatrix x) throws XGBoostError {
    float[] flat = new float[x.rows() * x.cols()];
    for (int r = 0; r < x.rows(); r++) {
      for (int k = x.start(r); k < x.end(r); k++) flat[r * x.cols() + x.col(k)] = x.val(k);
    }
    return new DMatrix(flat, x.rows(), x.cols(), Float.NaN);
  }

  /** Holds the model as bytes (serialisable); the native booster is rebuilt per call. */
  record XgbScorer(byte[] model, int numClasses, int cols) implements Scorer {
    @Override public double[][] scores(SparseMatrix x) {
      if (x.cols() != cols) throw new IllegalArgumentException("expected " + cols + " features, got " + x.cols());
      try {
        Booster b = XGBoost.loadModel(model);
        DMatrix m = matrix(x);
        float[][] p = b.predict(m);
        b.dispose();
        m.dispose();
        double[][] out = new double[p.length][numClasses];
        for (int i = 0; i < p.length; i++) for (int c = 0; c < numClasses; c++) out[i][c] = Math.log(Math.max(1e-12, p[i][c]));
        return out;
      } catch (XGBoostError | java.io.IOException e) {
        throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
      }
    }
  }
}
