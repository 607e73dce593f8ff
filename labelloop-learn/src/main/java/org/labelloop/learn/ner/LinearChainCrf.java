package org.labelloop.learn.ner;

/**
 * Linear-chain conditional random field (Lafferty, McCallum and Pereira 2001) over sparse binary token features.
 * Score of a tag path y for tokens with feature ids x: {@code sum_i start/trans(y_{i-1}, y_i) + sum_i sum_{f in x_i}
 * w[f][y_i]}. Inference is exact: Viterbi for the best path, scaled forward-backward (Rabiner 1989) for token and
 * segment marginals and the log partition function.
 *
 * <p>Hand-written rather than Tribuo's CRF: Tribuo is not available from the project's Maven mirror, and a
 * compact array-based CRF trains on all of CoNLL-2003 in about a minute and tags tens of thousands of sentences per
 * second, which the active-learning loop (retraining every batch) needs.
 */
final class LinearChainCrf implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  final int numLabels;
  final int numFeatures;
  /** State weights, {@code w[f * numLabels + y]}. */
  final double[] w;
  /** Transition weights, {@code trans[prev * numLabels + y]}. */
  final double[] trans;
  /** Start weights, {@code start[y]}. */
  final double[] start;

  LinearChainCrf(int numLabels, int numFeatures) {
    this.numLabels = numLabels;
    this.numFeatures = numFeatures;
    this.w = new double[numFeatures * numLabels];
    this.trans = new double[numLabels * numLabels];
    this.start = new double[numLabels];
  }

  /** Emission scores {@code [token][label]}, times {@code scale}; feature ids outside the model are ignored. */
  double[][] emissions(int[][] x, double scale) {
    int L = numLabels;
    double[][] e = new double[x.length][L];
    for (int i = 0; i < x.length; i++) {
      double[] row = e[i];
      for (int f : x[i]) {
        if (f < 0 || f >= numFeatures) continue;
        int base = f * L;
        for (int y = 0; y < L; y++) row[y] += w[base + y];
      }
      if (scale != 1.0) for (int y = 0; y < L; y++) row[y] *= scale;
    }
    return e;
  }

  int[] viterbi(int[][] x) {
    return viterbi(emissions(x, 1.0), 1.0);
  }

  int[] viterbi(double[][] e, double scale) {
    int n = e.length;
    int L = numLabels;
    int[] path = new int[n];
    if (n == 0) return path;
    double[] delta = new double[L];
    double[] next = new double[L];
    int[][] back = new int[n][L];
    for (int y = 0; y < L; y++) delta[y] = scale * start[y] + e[0][y];
    for (int i = 1; i < n; i++) {
      for (int y = 0; y < L; y++) {
        double best = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int p = 0; p < L; p++) {
          double v = delta[p] + scale * trans[p * L + y];
          if (v > best) { best = v; arg = p; }
        }
        next[y] = best + e[i][y];
        back[i][y] = arg;
      }
      double[] t = delta; delta = next; next = t;
    }
    int arg = 0;
    for (int y = 1; y < L; y++) if (delta[y] > delta[arg]) arg = y;
    path[n - 1] = arg;
    for (int i = n - 1; i > 0; i--) path[i - 1] = back[i][path[i]];
    return path;
  }

  /** Unnormalised log score of a path. */
  double pathScore(double[][] e, int[] y, double scale) {
    double s = scale * start[y[0]] + e[0][y[0]];
    for (int i = 1; i < y.length; i++) s += scale * trans[y[i - 1] * numLabels + y[i]] + e[i][y[i]];
    return s;
  }

  /** Forward-backward over emissions {@code e} (already scaled) with parameters scaled by {@code scale}. */
  Lattice lattice(double[][] e, double scale) {
    int n = e.length;
    int L = numLabels;
    double[][] expE = new double[n][L];
    double logZ = 0;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int y = 0; y < L; y++) max = Math.max(max, e[i][y]);
      for (int y = 0; y < L; y++) expE[i][y] = Math.exp(e[i][y] - max);
      logZ += max;
    }
    double[] expT = new double[L * L];
    for (int k = 0; k < L * L; k++) expT[k] = Math.exp(scale * trans[k]);
    double[][] alpha = new double[n][L];
    double[][] beta = new double[n][L];
    double[] c = new double[n];
    for (int y = 0; y < L; y++) alpha[0][y] = Math.exp(scale * start[y]) * expE[0][y];
    c[0] = normalise(alpha[0]);
    for (int i = 1; i < n; i++) {
      double[] a = alpha[i];
      double[] prev = alpha[i - 1];
      for (int p = 0; p < L; p++) {
        double ap = prev[p];
        if (ap == 0) continue;
        int base = p * L;
        for (int y = 0; y < L; y++) a[y] += ap * expT[base + y];
      }
      for (int y = 0; y < L; y++) a[y] *= expE[i][y];
      c[i] = normalise(a);
    }
    java.util.Arrays.fill(beta[n - 1], 1.0);
    for (int i = n - 2; i >= 0; i--) {
      double[] b = beta[i];
      double[] nb = beta[i + 1];
      double[] ne = expE[i + 1];
      for (int p = 0; p < L; p++) {
        double s = 0;
        int base = p * L;
        for (int y = 0; y < L; y++) s += expT[base + y] * ne[y] * nb[y];
        b[p] = s / c[i + 1];
      }
    }
    for (int i = 0; i < n; i++) logZ += Math.log(c[i]);
    return new Lattice(expE, expT, alpha, beta, c, logZ);
  }

  private static double normalise(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    if (s <= 0 || !Double.isFinite(s)) {
      java.util.Arrays.fill(a, 1.0 / a.length);
      return Double.MIN_NORMAL;
    }
    for (int k = 0; k < a.length; k++) a[k] /= s;
    return s;
  }

  /** Scaled forward-backward tables; {@code alpha[i] * beta[i]} is the token marginal. */
  record Lattice(double[][] expE, double[] expT, double[][] alpha, double[][] beta, double[] c, double logZ) {
    double[][] tokenMarginals() {
      int n = alpha.length;
      int L = alpha.length == 0 ? 0 : alpha[0].length;
      double[][] m = new double[n][L];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int y = 0; y < L; y++) s += m[i][y] = alpha[i][y] * beta[i][y];
        for (int y = 0; y < L; y++) m[i][y] /= s;
      }
      return m;
    }

    /** Exact probability that tokens {@code from..from+tags.length-1} carry exactly {@code tags}. */
    double segmentProbability(int from, int[] tags) {
      int L = alpha[0].length;
      double p = alpha[from][tags[0]];
      for (int k = 1; k < tags.length; k++) {
        int i = from + k;
        p *= expT[tags[k - 1] * L + tags[k]] * expE[i][tags[k]] / c[i];
      }
      return p * beta[from + tags.length - 1][tags[tags.length - 1]];
    }
  }
}
