package org.labelloop.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KappaTest {
  @Test
  void cohenMatchesAHandComputedExample() {
    // 10 items, 7 agreements: observed 0.7. A says yes 6 times, B 5 times: expected 0.6*0.5 + 0.4*0.5 = 0.5.
    List<String> a = List.of("y", "y", "y", "y", "y", "y", "n", "n", "n", "n");
    List<String> b = List.of("y", "y", "y", "y", "n", "n", "y", "n", "n", "n");
    assertEquals((0.7 - 0.5) / (1 - 0.5), Kappa.cohen(a, b), 1e-12);
  }

  @Test
  void cohenIsOneForPerfectAgreementAndNegativeBelowChance() {
    assertEquals(1.0, Kappa.cohen(List.of("a", "b", "a"), List.of("a", "b", "a")), 1e-12);
    assertEquals(-1.0, Kappa.cohen(List.of("a", "b"), List.of("b", "a")), 1e-12);
  }

  @Test
  void fleissMatchesTheWikipediaWorkedExample() {
    // Fleiss (1971) worked example as reproduced on Wikipedia: 10 items, 14 raters, 5 categories, kappa = 0.210
    int[][] counts = {
      {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
      {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}
    };
    assertEquals(0.210, Kappa.fleiss(counts), 0.0005);
  }

  @Test
  void fleissEqualsOneWhenEveryoneAgrees() {
    assertEquals(1.0, Kappa.fleiss(new int[][] {{3, 0}, {0, 3}, {3, 0}}), 1e-12);
  }
}
