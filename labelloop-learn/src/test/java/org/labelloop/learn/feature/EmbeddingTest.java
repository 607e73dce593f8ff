package org.labelloop.learn.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddingTest {
  @ParameterizedTest
  @EnumSource(SentenceModel.class)
  void paraphrasesAreCloserThanUnrelatedSentences(SentenceModel model) {
    try (SentenceEmbedder e = new SentenceEmbedder(model, 64, 2, 2)) {
      float[][] v = e.embed(List.of("The striker scored a late goal.", "A late goal was scored by the forward.",
          "The central bank raised interest rates.", "Shares fell after the bank's results."));
      assertEquals(384, v[0].length);
      double norm = 0;
      for (float f : v[0]) norm += f * f;
      assertEquals(1.0, norm, 1e-4);
      // e5's cosines crowd near the top of [0, 1], so the gap is asked relative to the unrelated pair's distance
      double related = dot(v[0], v[1]), unrelated = dot(v[0], v[2]);
      assertTrue(related - unrelated > 0.3 * (1 - unrelated), model + ": " + related + " vs " + unrelated);
      assertTrue(dot(v[2], v[3]) > dot(v[1], v[3]), model + ": finance sentences should be closer to each other");
    }
  }

  /**
   * Closing while batches run (a server stopped mid-embedding) waits for them: the embedding either finishes or fails
   * with an IllegalStateException, and the JVM lives (freeing the session under a batch crashed it with SIGSEGV).
   */
  @Test
  void closingUnderRunningBatchesWaitsForThem() throws Exception {
    List<String> texts = java.util.stream.IntStream.range(0, 400)
        .mapToObj(i -> "sentence number " + i + " about a late goal, interest rates and the weather").toList();
    for (int round = 0; round < 3; round++) {
      SentenceEmbedder e = SentenceEmbedder.miniLm(64, 8, 2);
      var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> e.embed(texts));
      Thread.sleep(50L + 100L * round);
      e.close();
      try {
        assertEquals(texts.size(), running.join().length);
      } catch (java.util.concurrent.CompletionException stopped) {
        assertTrue(stopped.getCause() instanceof IllegalStateException, stopped.toString());
      }
      assertThrows(IllegalStateException.class, () -> e.embed(List.of("after close")));
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

  @Test
  void featurizerCentersEmbeddingsOnTheTrainingRowsMean() {
    // every vector is a shared direction plus a small class-specific offset: raw cosines are all above 0.9
    TextEmbedder crowded = new TextEmbedder() {
      @Override public String name() { return "crowded"; }
      @Override public int dimension() { return 3; }
      @Override public float[][] embed(List<String> texts) {
        return texts.stream().map(t -> unit(1, t.startsWith("a") ? 0.2f : -0.2f, t.length() * 0.01f))
            .toArray(float[][]::new);
      }
    };
    FeatureCache cache = new FeatureCache(List.of("a1", "a22", "b1", "b22", "a333"), crowded);
    Featurizer f = Featurizer.fit(FeatureSpec.embeddingsOnly(), cache, new int[] {0, 1, 2, 3});
    float[][] x = f.transform(cache).toDense();
    assertTrue(dot(cache.embeddings().toDense()[0], cache.embeddings().toDense()[2]) > 0.9);
    for (float[] row : x) assertEquals(1.0, dot(row, row), 1e-5);
    assertTrue(dot(x[0], x[2]) < 0, "the classes point apart once the shared direction is removed");
    assertTrue(dot(x[0], x[4]) > 0.9, "an unseen row is centered with the training mean");
  }

  private static float[] unit(float... v) {
    double n = Math.sqrt(dot(v, v));
    for (int i = 0; i < v.length; i++) v[i] /= (float) n;
    return v;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
