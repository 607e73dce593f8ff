package org.labelloop.learn.learner;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.labelloop.learn.feature.SparseMatrix;

/**
 * Gradient-boosted trees (XGBoost4J, {@code multi:softprob}, histogram method) for dense features: embeddings or
 * tabular columns. Not meant for wide sparse TF-IDF. One thread per model by default: AutoML already runs folds in
 * parallel, and a fixed thread count keeps results reproducible. Scores are log-probabilities.
 *
 * <p>With {@code earlyStopping > 0} and enough rows, a seeded sixth of the rows is held out, boosting stops once the
 * held-out log-loss has not improved for that many rounds, and the model is refit on every row with the best round
 * count. Values absent from the sparse matrix are missing to XGBoost (it learns a default direction for them).
 *
 * @param rounds boosting rounds (the most, with early stopping)
 * @param minChildWeight least hessian sum in a leaf: larger values make smaller, more conservative trees
 */
public record XgboostLearner(int rounds, int maxDepth, double eta, double minChildWeight, int earlyStopping, long seed,
    int threads) implements Learner {
  /** Below this many rows no rows are spared for early stopping. */
  static final int MIN_ROWS_FOR_EARLY_STOPPING = 60;

  public XgboostLearner {
    if (rounds < 1 || maxDepth < 1 || !(eta > 0) || minChildWeight < 0 || earlyStopping < 0 || threads < 1) {
      throw new IllegalArgumentException("bad XGBoost settings");
    }
  }

  public XgboostLearner(int rounds, int maxDepth, double eta, long seed, int threads) {
    this(rounds, maxDepth, eta, 1, 0, seed, threads);
  }

  public XgboostLearner(int rounds, int maxDepth) { this(rounds, maxDepth, 0.1, 1, 1); }

  @Override public String name() {
    return "xgb(r=" + rounds + ",d=" + maxDepth + (eta != 0.1 ? ",eta=" + LinearSvmLearner.fmt(eta) : "")
        + (minChildWeight != 1 ? ",mcw=" + LinearSvmLearner.fmt(minChildWeight) : "")
        + (earlyStopping > 0 ? ",es=" + earlyStopping : "") + ")";
  }

  /** With early stopping: as many rows as it needs to hold some out; trees without it overfit a handful of rows. */
  @Override public int minRows() { return earlyStopping > 0 ? MIN_ROWS_FOR_EARLY_STOPPING : 1; }

  @Override public Scorer fit(SparseMatrix x, int[] y, int numClasses) { return fit(x, y, numClasses, Long.MAX_VALUE); }

  /**
   * Boosts round by round and stops at {@code deadlineMillis} whatever the round count: with early stopping the
   * held-out search gets the first half of the time left and the refit the rest (about as many rounds on a fifth more
   * rows), so a tree learner started near a deadline ends with fewer rounds instead of past it.
   */
  @Override public Scorer fit(SparseMatrix x, int[] y, int numClasses, long deadlineMillis) {
    try {
      long now = System.currentTimeMillis();
      long half = deadlineMillis == Long.MAX_VALUE ? deadlineMillis : now + (deadlineMillis - now) / 2;
      int n = earlyStopping > 0 && x.rows() >= MIN_ROWS_FOR_EARLY_STOPPING ? bestRounds(x, y, numClasses, half) : rounds;
      return new XgbScorer(boost(x, y, numClasses, n, null, null, deadlineMillis), numClasses, x.cols());
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
    }
  }

  /** Rounds at which the held-out log-loss was lowest, training on the other rows. */
  private int bestRounds(SparseMatrix x, int[] y, int numClasses, long deadlineMillis) throws XGBoostError {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] held = java.util.stream.IntStream.range(0, x.rows()).filter(i -> rnd.nextInt(6) == 0).toArray();
    int[] kept = java.util.stream.IntStream.range(0, x.rows()).filter(i -> java.util.Arrays.binarySearch(held, i) < 0).toArray();
    float[] loss = new float[rounds];
    java.util.Arrays.fill(loss, Float.NaN);
    boost(x.rows(kept), pick(y, kept), numClasses, rounds, x.rows(held), pick(y, held), loss, deadlineMillis);
    int best = 0;
    for (int r = 1; r < rounds && !Float.isNaN(loss[r]); r++) if (loss[r] < loss[best]) best = r;
    return best + 1;
  }

  private byte[] boost(SparseMatrix x, int[] y, int numClasses, int n, SparseMatrix validX, int[] validY,
      long deadlineMillis) throws XGBoostError {
    return boost(x, y, numClasses, n, validX, validY, null, deadlineMillis);
  }

  /**
   * Up to {@code n} rounds, one at a time: stops at the deadline (after at least one round), and with a validation
   * set once its log-loss (written to {@code loss} per round) has not improved for {@code earlyStopping} rounds.
   */
  private byte[] boost(SparseMatrix x, int[] y, int numClasses, int n, SparseMatrix validX, int[] validY, float[] loss,
      long deadlineMillis) throws XGBoostError {
    DMatrix m = labeled(x, y);
    DMatrix v = validX == null ? null : labeled(validX, validY);
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "multi:softprob");
    p.put("num_class", numClasses);
    p.put("max_depth", maxDepth);
    p.put("eta", eta);
    p.put("min_child_weight", minChildWeight);
    p.put("seed", seed);
    p.put("nthread", threads);
    p.put("tree_method", "hist");
    p.put("eval_metric", "mlogloss");
    p.put("verbosity", 0);
    Booster b = XGBoost.train(m, p, 0, new HashMap<>(), null, null);
    int bestRound = 0;
    for (int r = 0; r < n; r++) {
      if (r > 0 && System.currentTimeMillis() >= deadlineMillis) break;
      b.update(m, r);
      if (v == null) continue;
      float[] out = new float[1];
      b.evalSet(new DMatrix[] {v}, new String[] {"valid"}, r, out);
      loss[r] = out[0];
      if (out[0] < loss[bestRound]) bestRound = r;
      if (r - bestRound >= earlyStopping) break;
    }
    byte[] bytes = b.toByteArray();
    b.dispose();
    m.dispose();
    if (v != null) v.dispose();
    return bytes;
  }

  private static DMatrix labeled(SparseMatrix x, int[] y) throws XGBoostError {
    DMatrix m = matrix(x);
    float[] labels = new float[y.length];
    for (int i = 0; i < y.length; i++) labels[i] = y[i];
    m.setLabel(labels);
    return m;
  }

  private static int[] pick(int[] v, int[] at) {
    int[] r = new int[at.length];
    for (int i = 0; i < at.length; i++) r[i] = v[at[i]];
    return r;
  }

  static DMatrix matrix(SparseMatrix x) throws XGBoostError {
    long[] rowPtr = new long[x.rows() + 1];
    int[] cols = new int[x.nnz()];
    float[] vals = new float[x.nnz()];
    for (int r = 0; r < x.rows(); r++) {
      for (int k = x.start(r); k < x.end(r); k++) {
        cols[k] = x.col(k);
        vals[k] = x.val(k);
      }
      rowPtr[r + 1] = x.end(r);
    }
    return new DMatrix(rowPtr, cols, vals, DMatrix.SparseType.CSR, x.cols());
  }

  /** Holds the model as bytes (serialisable); the native booster is rebuilt per call. */
  record XgbScorer(byte[] model, int numClasses, int cols) implements Scorer, Contributions {
    @Override public double[][] scores(SparseMatrix x) {
      float[][] p = predict(x, false);
      double[][] out = new double[p.length][numClasses];
      for (int i = 0; i < p.length; i++) for (int c = 0; c < numClasses; c++) out[i][c] = Math.log(Math.max(1e-12, p[i][c]));
      return out;
    }

    @Override public double[] contributions(SparseMatrix x, int row, int cls) {
      float[] all = predict(x.rows(new int[] {row}), true)[0]; // per class: one value per feature, then the bias
      double[] out = new double[cols];
      for (int f = 0; f < cols; f++) out[f] = all[cls * (cols + 1) + f];
      return out;
    }

    private float[][] predict(SparseMatrix x, boolean contributions) {
      if (x.cols() != cols) throw new IllegalArgumentException("expected " + cols + " features, got " + x.cols());
      try {
        Booster b = XGBoost.loadModel(model);
        DMatrix m = matrix(x);
        float[][] p = contributions ? b.predictContrib(m, 0) : b.predict(m);
        b.dispose();
        m.dispose();
        return p;
      } catch (XGBoostError | java.io.IOException e) {
        throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
      }
    }
  }
}
