package org.labelloop.learn.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MediaTableTest {

  @Test
  void standardisesEachDimensionOverTheFitRows() {
    float[][] z = MediaTable.standardised(new float[][] {{1, 5}, {3, 5}}, new int[] {0, 1});
    assertEquals(-1, z[0][0], 1e-6);
    assertEquals(1, z[1][0], 1e-6);
    assertEquals(0, z[0][1], 1e-6, "a constant dimension carries nothing");
  }
}
