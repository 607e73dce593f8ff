package org.labelloop.learn.learner;

import java.util.stream.IntStream;
import org.labelloop.learn.feature.SparseMatrix;

/**
 * Multinomial (softmax) logistic regression with L2 penalty, {@code min 0.5|W|^2 + C * sum_i CE(x_i, y_i)}, solved
 * by L-BFGS (Nocedal 1980) with a backtracking Armijo line search. Works on dense embeddings and sparse TF-IDF alike;
 * the loss and gradient are summed over rows in parallel. Deterministic: no randomness at all.
 */
public record SoftmaxLearner(double c, int maxIter) implements Learner {
  public SoftmaxLearner {
    if (!(c > 0) || maxIter < 1) throw new IllegalArgumentException("C and maxIter must be positive");
  }

  public SoftmaxLearner(double c) { this(c, 100); }

  @Override public String name() { return "softmax(C=" + LinearSvmLearner.fmt(c) + ")"; }

  @Override public Scorer fit(SparseMatrix x, int[] y, int numClasses) {
    int d = x.cols() + 1;
    int dim = d * numClasses;
    double[] w = new double[dim];
    double[] g = new double[dim];
    double f = lossAndGrad(x, y, numClasses, w, g);
    int m = 7;
    double[][] s = new double[m][], yy = new double[m][];
    double[] rho = new double[m];
    int stored = 0, head = 0;
    for (int iter = 0; iter < maxIter; iter++) {
      // two-loop recursion
      double[] q = g.clone();
      double[] a = new double[m];
      for (int k = 0; k < stored; k++) {
        int idx = Math.floorMod(head - 1 - k, m);
        a[idx] = rho[idx] * dot(s[idx], q);
        axpy(-a[idx], yy[idx], q);
      }
      if (stored > 0) {
        int last = Math.floorMod(head - 1, m);
        double scale = dot(s[last], yy[last]) / dot(yy[last], yy[last]);
        for (int i = 0; i < dim; i++) q[i] *= scale;
      } else {
        double gn = Math.sqrt(dot(g, g));
        for (int i = 0; i < dim; i++) q[i] /= Math.max(1, gn);
      }
      for (int k = stored - 1; k >= 0; k--) {
        int idx = Math.floorMod(head - 1 - k, m);
        double b = rho[idx] * dot(yy[idx], q);
        axpy(a[idx] - b, s[idx], q);
      }
      double dg = -dot(q, g);
      if (dg >= 0) { // not a descent direction: restart from steepest descent
        stored = 0;
        q = g.clone();
        dg = -dot(q, g);
      }
      double step = 1;
      double[] wNew = new double[dim], gNew = new double[dim];
      double fNew;
      while (true) {
        for (int i = 0; i < dim; i++) wNew[i] = w[i] - step * q[i];
        fNew = lossAndGrad(x, y, numClasses, wNew, gNew);
        if (fNew <= f + 1e-4 * step * dg || step < 1e-10) break;
        step *= 0.5;
      }
      double[] sv = new double[dim], yv = new double[dim];
      for (int i = 0; i < dim; i++) {
        sv[i] = wNew[i] - w[i];
        yv[i] = gNew[i] - g[i];
      }
      double sy = dot(sv, yv);
      double fOld = f;
      w = wNew;
      g = gNew;
      f = fNew;
      if (sy > 1e-10) {
        s[head] = sv;
        yy[head] = yv;
        rho[head] = 1 / sy;
        head = (head + 1) % m;
        stored = Math.min(stored + 1, m);
      }
      if (Math.abs(fOld - f) <= 1e-6 * Math.max(1, Math.abs(f))) break;
    }
    double[][] weights = new double[numClasses][d];
    for (int k = 0; k < numClasses; k++) System.arraycopy(w, k * d, weights[k], 0, d);
    return new LinearScorer(weights, 1.0);
  }

  private double lossAndGrad(SparseMatrix x, int[] y, int k, double[] w, double[] g) {
    int d = x.cols() + 1;
    int chunks = Math.max(1, Math.min(8, x.rows() / 64));
    double[][] partG = new double[chunks][];
    double[] partF = new double[chunks];
    IntStream.range(0, chunks).parallel().forEach(ch -> {
      double[] gl = new double[w.length];
      double fl = 0;
      double[] z = new double[k];
      for (int r = ch; r < x.rows(); r += chunks) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          z[c] = x.dot(r, w, c * d) + w[c * d + d - 1];
          max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) sum += Math.exp(z[c] - max);
        double lse = max + Math.log(sum);
        fl += lse - z[y[r]];
        for (int c = 0; c < k; c++) {
          double p = Math.exp(z[c] - lse) - (c == y[r] ? 1 : 0);
          if (p == 0) continue;
          int off = c * d;
          for (int q = x.start(r); q < x.end(r); q++) gl[off + x.col(q)] += p * x.val(q);
          gl[off + d - 1] += p;
        }
      }
      partG[ch] = gl;
      partF[ch] = fl;
    });
    double f = 0;
    for (int i = 0; i < w.length; i++) {
      double gi = 0;
      for (double[] pg : partG) gi += pg[i];
      g[i] = c * gi + w[i];
      f += 0.5 * w[i] * w[i];
    }
    for (double pf : partF) f += c * pf;
    return f;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) y[i] += a * x[i];
  }
}
