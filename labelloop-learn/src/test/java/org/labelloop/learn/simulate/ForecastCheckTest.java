package org.labelloop.learn.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ForecastCheckTest {
  private static CurvePoint point(int repeat, int labels, double accuracy) {
    return new CurvePoint("margin", repeat, labels, Map.of("accuracy", accuracy));
  }

  @Test
  void aCurveThatKeepsItsShapeIsForecastExactly() {
    List<CurvePoint> curve = IntStream.rangeClosed(1, 10)
        .mapToObj(i -> point(0, 10 * i, 0.9 - 0.8 * Math.pow(10 * i, -0.5))).toList();
    ForecastCheck check = ForecastCheck.of(curve, "accuracy");
    assertEquals(0, check.medianAbsoluteError(), 1e-3);
    assertEquals(1, check.moreCovered(), "the labels to 95 % of the ceiling: " + check);
  }

  @Test
  void measuresTheErrorOnTheSecondHalfOfEachRepeat() {
    // first half flat at 0.8, then a jump to 0.9 the first half could not foresee: every later error is 0.1
    List<CurvePoint> curve = IntStream.rangeClosed(1, 8).boxed()
        .flatMap(i -> IntStream.of(0, 1).mapToObj(r -> point(r, 10 * i, i <= 4 ? 0.8 : 0.9))).toList();
    ForecastCheck check = ForecastCheck.of(curve, "accuracy");
    assertEquals(0.1, check.medianAbsoluteError(), 1e-9);
    assertEquals(2, check.checked());
    assertEquals(2, check.moreCovered(), "a flat first half says reached, and 0.8 >= 95 % of 0.8: " + check);
    assertEquals(0, check.doubledCovered(), "a flat curve's interval at 80 labels cannot hold the jump to 0.9: " + check);
  }

  @Test
  void tooFewRoundsGiveNoFigure() {
    assertTrue(Double.isNaN(ForecastCheck.of(List.of(point(0, 10, 0.5), point(0, 20, 0.6)), "accuracy").medianAbsoluteError()));
  }
}
