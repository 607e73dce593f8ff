package org.labelloop.learn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void twoCalibratedMembersAveragedAreUnderconfidentUntilTheBlendIsCalibratedAsAWhole() {
    // two models that each see the true log-odds through independent noise: each is calibrated alone, but their
    // average knows more than either and still speaks with one member's confidence
    SplittableRandom r = new SplittableRandom(5);
    int n = 4000;
    double[][] a = new double[n][2], b = new double[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double logit = r.nextGaussian() * 2;
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      a[i][1] = logit + r.nextGaussian() * 2;
      b[i][1] = logit + r.nextGaussian() * 2;
    }
    List<double[][]> scores = List.of(a, b);
    double[] t = {Calibration.fitTemperature(a, y), Calibration.fitTemperature(b, y)};
    int[] w = {1, 1};
    double[][] asFitted = Calibration.blend(scores, t, w, 1);
    double scale = Calibration.fitEnsembleScale(scores, t, w, y);
    double[][] calibrated = Calibration.blend(scores, t, w, scale);
    assertTrue(meanConfidence(asFitted) < accuracy(asFitted, y), "the plain average is less sure than it is right");
    assertTrue(scale < 0.9, "the blend gets sharper: scale " + scale);
    double before = Calibration.ece(asFitted, y, 15), after = Calibration.ece(calibrated, y, 15);
    assertTrue(after < before / 2, "ECE " + before + " -> " + after);
  }

  @Test
  void anEnsembleOfOneIsScaledToTheMembersOwnTemperature() {
    double[][] s = {{2, 0}, {0, 1}, {1.5, 0}, {0, 0.2}, {0.3, 0}, {3, 0}};
    int[] y = {0, 1, 0, 0, 1, 0};
    double t = Calibration.fitTemperature(s, y);
    double scale = Calibration.fitEnsembleScale(List.<double[][]>of(s), new double[] {0.5}, new int[] {3}, y);
    assertEquals(t, 0.5 * scale, 1e-6 * t);
  }

  @Test
  void averageWeighsMembersAndSkipsThoseOfWeightZero() {
    double[][] p = {{0.8, 0.2}}, q = {{0.2, 0.8}};
    double[][] avg = Calibration.average(Arrays.asList(p, null, q), new int[] {3, 0, 1});
    assertArrayEquals(new double[] {0.65, 0.35}, avg[0], 1e-12);
  }

  @Test
  void blendAtFactorOneAveragesEachMembersSoftmax() {
    double[][] s = {{1, 0, -1}}, u = {{0, 2, 0}};
    double[][] got = Calibration.blend(List.of(s, u), new double[] {1, 2}, new int[] {1, 1}, 1);
    double[] ps = Calibration.softmax(s[0], 1), pu = Calibration.softmax(u[0], 2);
    for (int c = 0; c < 3; c++) assertEquals((ps[c] + pu[c]) / 2, got[0][c], 1e-12);
  }

  private static double meanConfidence(double[][] p) {
    return Arrays.stream(p).mapToDouble(row -> row[Metrics.argmax(row)]).average().orElseThrow();
  }

  private static double accuracy(double[][] p, int[] y) {
    int c = 0;
    for (int i = 0; i < y.length; i++) if (Metrics.argmax(p[i]) == y[i]) c++;
    return (double) c / y.length;
  }

  @Test
  void theEceFloorOfOneCoinFlipIsHalf() {
    assertEquals(0.5, Calibration.eceFloor(new double[][] {{0.5, 0.5}}, 15), 1e-12);
  }

  @Test
  void theEceFloorOfTwoRowsAtEightyPercentIsTheirExpectedDeviation() {
    // 0, 1 or 2 right with probabilities 0.04, 0.32, 0.64 against 1.6 expected: (0.064 + 0.192 + 0.256) / 2 rows
    double[][] p = {{0.8, 0.2}, {0.2, 0.8}};
    assertEquals(0.256, Calibration.eceFloor(p, 15), 1e-12);
  }

  @Test
  void certainPredictionsHaveNoSamplingNoise() {
    double[][] p = {{1, 0}, {0, 1}, {1, 0}};
    assertEquals(0, Calibration.eceFloor(p, 15), 1e-12);
  }

  @Test
  void theEceFloorFallsWithTheSquareRootOfTheTestSetSize() {
    double small = Calibration.eceFloor(rowsAt(0.7, 400), 15), large = Calibration.eceFloor(rowsAt(0.7, 1600), 15);
    assertEquals(2, small / large, 0.02, small + " vs " + large);
  }

  @Test
  void aBinAboveTheExactLimitUsesTheNormalApproximationThatTheExactSumApproaches() {
    int n = Calibration.EXACT_BIN;
    double exact = Calibration.expectedAbsoluteDeviation(java.util.Collections.nCopies(n, 0.9));
    double normal = Calibration.expectedAbsoluteDeviation(java.util.Collections.nCopies(n + 1, 0.9));
    assertEquals(Math.sqrt((n + 1) * 0.09 * 2 / Math.PI), normal, 1e-9);
    assertEquals(exact, normal, 0.01 * exact, "the two agree where they meet");
  }

  private static double[][] rowsAt(double confidence, int n) {
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) p[i] = new double[] {confidence, 1 - confidence};
    return p;
  }
}
