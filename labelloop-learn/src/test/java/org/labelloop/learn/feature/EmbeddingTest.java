package org.labelloop.learn.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
  @Test
  void miniLmPutsParaphrasesCloserThanUnrelatedSentences() {
    try (MiniLmEmbedder e = new MiniLmEmbedder(64, 4, 1)) {
      float[][] v = e.embed(List.of("The striker scored a late goal.", "A late goal was scored by the forward.",
          "The central bank raised interest rates."));
      assertEquals(384, v[0].length);
      double norm = 0;
      for (float f : v[0]) norm += f * f;
      assertEquals(1.0, norm, 1e-4);
      assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.2);
    }
  }

  @Test
  void cachedEmbedderEmbedsEachDistinctTextOnce() {
    AtomicInteger calls = new AtomicInteger();
    TextEmbedder fake = new TextEmbedder() {
      @Override public String name() { return "fake"; }
      @Override public int dimension() { return 1; }
      @Override public float[][] embed(List<String> texts) {
        calls.addAndGet(texts.size());
        return texts.stream().map(t -> new float[] {t.length()}).toArray(float[][]::new);
      }
    };
    InMemoryEmbeddingCache cache = new InMemoryEmbeddingCache();
    CachedEmbedder c = new CachedEmbedder(fake, cache);
    float[][] a = c.embed(List.of("ab", "abc", "ab"));
    c.embed(List.of("abc", "abcd"));
    assertEquals(3, calls.get());
    assertEquals(3, cache.size());
    assertEquals(2f, a[2][0]);
    assertSame(a[0], a[2]);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
