package org.labelloop.learn.learner;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import org.labelloop.learn.feature.SparseMatrix;

/**
 * One-vs-rest L2-regularised logistic regression from liblinear-java, using the primal trust-region Newton solver
 * ({@code L2R_LR}): it needs no random coordinate order, so it is deterministic even when folds train in parallel
 * (liblinear's dual solvers share one static generator). Scores are log-probabilities.
 *
 * <p>{@code balanced} weighs each class's loss by {@code n / (classes × its count)}, so a minority class counts as
 * much as a majority one (scikit-learn's {@code class_weight="balanced"}).
 */
public record LiblinearLrLearner(double c, boolean balanced) implements Learner {
  static {
    Linear.disableDebugOutput();
  }

  public LiblinearLrLearner {
    if (!(c > 0)) throw new IllegalArgumentException("C must be positive");
  }

  public LiblinearLrLearner(double c) { this(c, false); }

  @Override public String name() { return "lr(C=" + LinearSvmLearner.fmt(c) + (balanced ? ",balanced" : "") + ")"; }

  @Override public Scorer fit(SparseMatrix x, int[] y, int numClasses) {
    Problem p = new Problem();
    p.l = x.rows();
    p.n = x.cols() + 1;
    p.bias = 1;
    p.x = features(x, true);
    p.y = new double[p.l];
    for (int i = 0; i < p.l; i++) p.y[i] = y[i];
    Parameter param = new Parameter(SolverType.L2R_LR, c, 0.01);
    if (balanced) {
      int[] counts = new int[numClasses];
      for (int v : y) counts[v]++;
      int present = (int) java.util.Arrays.stream(counts).filter(n -> n > 0).count();
      int[] labels = java.util.stream.IntStream.range(0, numClasses).filter(k -> counts[k] > 0).toArray();
      double[] weights = java.util.Arrays.stream(labels).mapToDouble(k -> (double) y.length / (present * counts[k])).toArray();
      param.setWeights(weights, labels);
    }
    Model m = Linear.train(p, param);
    return new LiblinearScorer(m, numClasses);
  }

  static Feature[][] features(SparseMatrix x, boolean bias) {
    Feature[][] f = new Feature[x.rows()][];
    for (int r = 0; r < x.rows(); r++) {
      int len = x.end(r) - x.start(r);
      Feature[] row = new Feature[len + (bias ? 1 : 0)];
      for (int k = 0; k < len; k++) row[k] = new FeatureNode(x.col(x.start(r) + k) + 1, x.val(x.start(r) + k));
      if (bias) row[len] = new FeatureNode(x.cols() + 1, 1);
      f[r] = row;
    }
    return f;
  }

  /** Wraps a liblinear model; maps its label order back to class indices. */
  record LiblinearScorer(Model model, int numClasses) implements Scorer, Contributions {
    @Override public double[][] scores(SparseMatrix x) {
      int[] labels = model.getLabels();
      Feature[][] f = features(x, true);
      double[][] out = new double[x.rows()][numClasses];
      double[] p = new double[labels.length];
      for (int r = 0; r < f.length; r++) {
        java.util.Arrays.fill(out[r], -30);
        Linear.predictProbability(model, f[r], p);
        for (int k = 0; k < labels.length; k++) out[r][labels[k]] = Math.log(Math.max(1e-13, p[k]));
      }
      return out;
    }

    /**
     * Weight × value. liblinear keeps one weight vector per class (feature-major), or a single one for two classes
     * that scores the first of its labels, so the other class gets its negation.
     */
    @Override public double[] contributions(SparseMatrix x, int row, int cls) {
      int[] labels = model.getLabels();
      double[] w = model.getFeatureWeights();
      int perFeature = labels.length == 2 ? 1 : labels.length;
      int at = java.util.Arrays.stream(labels).boxed().toList().indexOf(cls);
      double[] out = new double[x.cols()];
      if (at < 0) return out;
      double sign = labels.length == 2 && at == 1 ? -1 : 1;
      int column = labels.length == 2 ? 0 : at;
      for (int k = x.start(row); k < x.end(row); k++) {
        out[x.col(k)] = sign * w[x.col(k) * perFeature + column] * x.val(k);
      }
      return out;
    }
  }
}
