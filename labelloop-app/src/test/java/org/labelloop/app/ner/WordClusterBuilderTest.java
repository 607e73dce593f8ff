package org.labelloop.app.ner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WordClusterBuilderTest {
  @Test
  void countsAreOnByDefaultAndNoneTurnsThemOff() {
    assertArrayEquals(new int[] {20, 50, 200}, WordClusterBuilder.parseCounts(WordClusterBuilder.DEFAULT_COUNTS));
    assertArrayEquals(new int[] {50}, WordClusterBuilder.parseCounts(" 50 "));
    assertNull(WordClusterBuilder.parseCounts("none"));
    assertNull(WordClusterBuilder.parseCounts("NONE"));
    assertThrows(IllegalArgumentException.class, () -> WordClusterBuilder.parseCounts("20,lots"));
  }
}
