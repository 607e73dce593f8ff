package org.labelloop.learn.automl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchSampleTest {
  @Test
  void keepsEveryRowUpToTheLimit() {
    assertArrayEquals(IntStream.range(0, 30).toArray(), SearchSample.of(new int[30], 1, 30, 1));
  }

  @Test
  void samplesEachClassInProportionKeepingRareClasses() {
    int[] y = new int[10_000];
    for (int i = 0; i < y.length; i++) y[i] = i < 9_000 ? 0 : i < 9_997 ? 1 : 2; // 9,000 / 997 / 3 rows
    int[] s = SearchSample.of(y, 3, 1_000, 7);
    int[] counts = new int[3];
    for (int i : s) counts[y[i]]++;
    assertEquals(900, counts[0]);
    assertEquals(100, counts[1]);
    assertEquals(2, counts[2], "a class too rare for its share keeps two rows");
    assertEquals(s.length, Arrays.stream(s).distinct().count());
    assertTrue(IntStream.range(1, s.length).allMatch(i -> s[i - 1] < s[i]), "sorted");
    assertArrayEquals(s, SearchSample.of(y, 3, 1_000, 7), "deterministic for a seed");
  }
}
