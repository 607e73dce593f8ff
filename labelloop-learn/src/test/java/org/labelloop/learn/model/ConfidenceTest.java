package org.labelloop.learn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfidenceTest {
  @Test
  void roundsToTheNearestPercentInTheMiddle() {
    assertEquals(93, Confidence.percent(0.934));
    assertEquals(50, Confidence.percent(0.495));
    assertEquals(0.4375, Confidence.fourDecimals(0.43749));
  }

  @Test
  void neverRoundsIntoCertainty() {
    assertEquals(99, Confidence.percent(0.9982));
    assertEquals(1, Confidence.percent(0.003));
    assertEquals(0.9999, Confidence.fourDecimals(0.99996));
    assertEquals(0.0001, Confidence.fourDecimals(0.00003));
  }

  @Test
  void keepsRealCertaintyAndClampsOutOfRangeScores() {
    assertEquals(100, Confidence.percent(1.0));
    assertEquals(0, Confidence.percent(0.0));
    assertEquals(100, Confidence.percent(1.2));
    assertEquals(0, Confidence.percent(-0.1));
    assertEquals(1.0, Confidence.fourDecimals(1.0));
  }
}
