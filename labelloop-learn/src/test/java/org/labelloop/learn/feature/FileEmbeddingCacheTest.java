package org.labelloop.learn.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEmbeddingCacheTest {
  @TempDir Path dir;

  /** Counts the texts it is asked to embed. */
  private static final class CountingEmbedder implements TextEmbedder {
    int embedded;

    @Override public String name() { return "counting"; }

    @Override public int dimension() { return 3; }

    @Override public float[][] embed(List<String> texts) {
      embedded += texts.size();
      return texts.stream().map(t -> new float[] {t.length(), t.charAt(0), -1.5f}).toArray(float[][]::new);
    }
  }

  @Test
  void aSecondProcessEmbedsNothingItsPredecessorEmbedded() {
    Path file = dir.resolve("sub/counting.vectors");
    CountingEmbedder first = new CountingEmbedder();
    float[][] a;
    try (FileEmbeddingCache cache = new FileEmbeddingCache(file)) {
      a = new CachedEmbedder(first, cache).embed(List.of("alpha", "beta", "alpha"));
    }
    assertEquals(2, first.embedded);
    CountingEmbedder second = new CountingEmbedder();
    try (FileEmbeddingCache cache = new FileEmbeddingCache(file)) {
      assertEquals(2, cache.size());
      float[][] b = new CachedEmbedder(second, cache).embed(List.of("beta", "alpha", "gamma"));
      assertArrayEquals(a[1], b[0]);
      assertArrayEquals(a[0], b[1]);
    }
    assertEquals(1, second.embedded);
  }

  @Test
  void aRecordCutShortIsDroppedAndTheFileStaysUsable() throws Exception {
    Path file = dir.resolve("counting.vectors");
    CachedEmbedder keys = new CachedEmbedder(new CountingEmbedder(), new InMemoryEmbeddingCache());
    try (FileEmbeddingCache cache = new FileEmbeddingCache(file)) {
      cache.put(keys.key("one"), new float[] {1, 2, 3});
      cache.put(keys.key("two"), new float[] {4, 5, 6});
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(Files.size(file) - 5); // as if killed while writing the second record
    }
    try (FileEmbeddingCache cache = new FileEmbeddingCache(file)) {
      assertArrayEquals(new float[] {1, 2, 3}, cache.get(keys.key("one")));
      assertNull(cache.get(keys.key("two")));
      cache.put(keys.key("three"), new float[] {7, 8, 9});
    }
    try (FileEmbeddingCache cache = new FileEmbeddingCache(file)) {
      assertEquals(2, cache.size());
      assertArrayEquals(new float[] {7, 8, 9}, cache.get(keys.key("three")));
    }
  }
}
