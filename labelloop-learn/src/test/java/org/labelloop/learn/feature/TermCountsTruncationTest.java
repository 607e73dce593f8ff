package org.labelloop.learn.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TermCountsTruncationTest {
  @Test
  void aHugeTextIsFeaturizedByItsFirstCharactersOnly() {
    String head = "alpha beta gamma ".repeat(TermCounts.MAX_TEXT_CHARS / 17 + 1).substring(0, TermCounts.MAX_TEXT_CHARS);
    String huge = head + " zeta".repeat(200_000);
    SparseMatrix words = TermCounts.of(List.of(huge, head), false, 1, 2).matrix();
    assertEquals(words.end(0) - words.start(0), words.end(1) - words.start(1));
    for (int k = 0; k < words.end(0) - words.start(0); k++) {
      assertEquals(words.col(words.start(0) + k), words.col(words.start(1) + k));
      assertEquals(words.val(words.start(0) + k), words.val(words.start(1) + k));
    }
    assertArrayEquals(TermCounts.charGrams(TermCounts.normalize(huge), 2, 4), TermCounts.charGrams(TermCounts.normalize(head), 2, 4));
  }
}
