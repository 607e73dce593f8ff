package org.labelloop.learn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void computesAccuracyMacroAndWeightedScores() {
    int[] truth = {0, 0, 0, 1, 1, 2};
    int[] pred = {0, 0, 1, 1, 1, 0};
    Metrics m = Metrics.of(truth, pred, 3);
    assertEquals(4 / 6.0, m.accuracy(), 1e-12);
    // class 0: p=2/3 r=2/3 f=2/3; class 1: p=2/3 r=1 f=0.8; class 2: f=0
    assertEquals((2 / 3.0 + 0.8 + 0) / 3, m.macroF1(), 1e-12);
    assertEquals((3 * 2 / 3.0 + 2 * 0.8) / 6, m.weightedF1(), 1e-12);
    assertEquals(1, m.confusion()[0][1]);
    assertEquals(1, m.confusion()[2][0]);
  }

  @Test
  void temperatureScalingReducesCalibrationErrorOfOverconfidentScores() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 2000;
    double[][] scores = new double[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double logit = r.nextGaussian() * 1.5; // true log-odds of class 1
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      scores[i][1] = logit * 8; // a model that is 8x overconfident
    }
    double before = Calibration.ece(Calibration.softmax(scores, 1), y, 15);
    double t = Calibration.fitTemperature(scores, y);
    double after = Calibration.ece(Calibration.softmax(scores, t), y, 15);
    assertEquals(8, t, 1.5);
    assertTrue(after < before / 3, "ECE " + before + " -> " + after);
  }

  @Test
  void fifteenSeparatedLabelsDoNotMakeEveryPredictionCertain() {
    // out-of-fold margins of 15 labels, 5 per class, all on the right side: plain temperature scaling goes to T -> 0
    double[][] scores = new double[15][3];
    int[] y = new int[15];
    for (int i = 0; i < 15; i++) {
      y[i] = i % 3;
      scores[i][y[i]] = 0.3 + 0.1 * (i % 5);
    }
    double t = Calibration.fitTemperature(scores, y);
    double mean = meanConfidence(scores, t);
    assertEquals(16 / 17.0, mean, 1e-6, "as sure as Laplace's rule allows after 15 of 15 right, not 100 %");
    double[] far = Calibration.softmax(new double[] {900, 0, -900}, t);
    assertTrue(far[0] < 1.0 && far[2] > 0, "an item far from every label still gets a probability below 1: " + far[0]);
  }

  @Test
  void oneMisclassifiedLabelLeavesTheFitToTheData() {
    // 14 of 15 right: the log-loss has a finite minimum, and Laplace's (14 + 1) / 17 = 88 % must not pull it down
    double[][] scores = new double[15][2];
    int[] y = new int[15];
    for (int i = 0; i < 15; i++) {
      y[i] = i % 2;
      scores[i][y[i]] = 4;
    }
    scores[0] = new double[] {0, 0.5};
    double t = Calibration.fitTemperature(scores, y);
    assertEquals(t, Calibration.heldToLaplace(f -> Calibration.softmax(scores, f), y, Math.log(t)), 1e-12);
    double nll = Calibration.nll(scores, y, t);
    assertTrue(nll <= Calibration.nll(scores, y, t * 1.05) && nll <= Calibration.nll(scores, y, t / 1.05), "the log-loss minimum");
    assertTrue(Calibration.softmax(scores[1], t)[1] > 0.9, "right and far from the boundary reads above 90 %");
  }

  @Test
  void twoConfidentMistakesDoNotMakeTheModelLessSureThanItIsRight() {
    // 18 of 20 right by a margin of 1, 2 wrong by a margin of 3: the log-loss alone flattens every prediction
    double[][] scores = new double[20][2];
    int[] y = new int[20];
    for (int i = 0; i < 20; i++) {
      y[i] = i % 2;
      scores[i][i < 18 ? y[i] : 1 - y[i]] = i < 18 ? 1 : 3;
    }
    double t = Calibration.fitTemperature(scores, y);
    double mean = meanConfidence(scores, t);
    assertEquals(19 / 22.0, mean, 1e-6, "as sure as Laplace's estimate of 18 of 20 right");
  }

  private static double meanConfidence(double[][] scores, double t) {
    double mean = 0;
    for (double[] row : scores) mean += Calibration.softmax(row, t)[Metrics.argmax(row)] / scores.length;
    return mean;
  }

  @Test
  void eceIsZeroWhenConfidenceMatchesAccuracy() {
    double[][] p = {{1, 0}, {0, 1}};
    assertEquals(0, Calibration.ece(p, new int[] {0, 1}, 10), 1e-12);
  }
}
