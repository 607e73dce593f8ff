package org.labelloop.learn.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BoxUncertaintyTest {
  private final ItemUncertainty u = BoxUncertainty.of(new double[][] {{0.95, 0.55}, {0.9}, {}});

  @Test void anImageIsAsUncertainAsItsLeastConfidentBox() {
    assertEquals(0.45, u.of(0, Measure.LEAST_CONFIDENCE), 1e-9);
    assertEquals(0.9, u.of(0, Measure.MARGIN), 1e-9, "1 - |2 x 0.55 - 1|");
    assertEquals(Measure.entropy(new double[] {0.55, 0.45}), u.of(0, Measure.MAX_ENTROPY), 1e-9);
    assertEquals((Measure.entropy(new double[] {0.95, 0.05}) + Measure.entropy(new double[] {0.55, 0.45})) / 2,
        u.of(0, Measure.ENTROPY), 1e-9);
  }

  @Test void uncertainBoxesComeBeforeConfidentOnesAndAnEmptyImageLast() {
    for (Measure m : Measure.values()) {
      double[] s = {u.of(0, m), u.of(1, m), u.of(2, m)};
      assertEquals(true, s[0] > s[1] && s[1] > s[2], m + ": " + java.util.Arrays.toString(s));
    }
  }
}
