package org.labelloop.learn.ner;

import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link LinearChainCrf} by stochastic gradient descent on the L2-regularised conditional log-likelihood,
 * following Bottou's crfsgd ("Stochastic gradient descent tricks", 2012): learning rate
 * {@code eta0 / (1 + lambda * eta0 * t)}, and the weight decay kept as one scalar multiplying all weights so each
 * update touches only the active features. A few epochs reach the accuracy of batch L-BFGS on CoNLL tasks.
 */
final class CrfTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(CrfTrainer.class);

  private CrfTrainer() {}

  /**
   * @param l2 regularisation strength of the summed objective {@code l2/2 |w|^2 + sum loss} (CRFsuite's c2)
   * @param deadlineNanos {@link System#nanoTime()} after which training stops early; {@code Long.MAX_VALUE} for none
   * @param minEpochs epochs trained whatever the deadline
   */
  static LinearChainCrf train(List<int[][]> xs, List<int[]> ys, int numLabels, int numFeatures, double l2, int epochs,
      double eta0, RandomGenerator random, long deadlineNanos, int minEpochs) {
    LinearChainCrf crf = new LinearChainCrf(numLabels, numFeatures);
    int n = xs.size();
    if (n == 0) return crf;
    int L = numLabels;
    double lambda = l2 / n;
    double scale = 1.0;
    long t = 0;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int tmp = order[i]; order[i] = order[j]; order[j] = tmp;
      }
      double loss = 0;
      for (int idx : order) {
        int[][] x = xs.get(idx);
        int[] y = ys.get(idx);
        if (x.length == 0) continue;
        double eta = eta0 / (1 + lambda * eta0 * t++);
        scale *= 1 - eta * lambda;
        double[][] e = crf.emissions(x, scale);
        LinearChainCrf.Lattice lat = crf.lattice(e, scale);
        loss += lat.logZ() - crf.pathScore(e, y, scale);
        double step = eta / scale;
        double[][] m = lat.tokenMarginals();
        for (int i = 0; i < x.length; i++) {
          double[] mi = m[i];
          for (int f : x[i]) {
            if (f < 0 || f >= numFeatures) continue;
            int base = f * L;
            for (int k = 0; k < L; k++) crf.w[base + k] -= step * mi[k];
            crf.w[base + y[i]] += step;
          }
        }
        for (int k = 0; k < L; k++) crf.start[k] -= step * m[0][k];
        crf.start[y[0]] += step;
        // pairwise marginals for transitions
        double[][] alpha = lat.alpha();
        double[][] beta = lat.beta();
        double[][] expE = lat.expE();
        double[] expT = lat.expT();
        double[] c = lat.c();
        for (int i = 1; i < x.length; i++) {
          for (int p = 0; p < L; p++) {
            double ap = alpha[i - 1][p] / c[i];
            for (int q = 0; q < L; q++) crf.trans[p * L + q] -= step * ap * expT[p * L + q] * expE[i][q] * beta[i][q];
          }
          crf.trans[y[i - 1] * L + y[i]] += step;
        }
        if (scale < 1e-6) { rescale(crf, scale); scale = 1.0; }
      }
      LOG.debug("crf epoch {} loss {}", epoch, loss);
      if (epoch + 1 >= minEpochs && System.nanoTime() > deadlineNanos) {
        LOG.info("crf training stopped after {} of {} epochs (time budget)", epoch + 1, epochs);
        break;
      }
    }
    rescale(crf, scale);
    return crf;
  }

  private static void rescale(LinearChainCrf crf, double scale) {
    if (scale == 1.0) return;
    for (int k = 0; k < crf.w.length; k++) crf.w[k] *= scale;
    for (int k = 0; k < crf.trans.length; k++) crf.trans[k] *= scale;
    for (int k = 0; k < crf.start.length; k++) crf.start[k] *= scale;
  }
}
