package org.labelloop.learn.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.learn.audio.AudioFeaturizer;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.feature.FileEmbeddingCache;

class MediaVectorsTest {
  @TempDir Path dir;

  /** Featurizes a file as {length, first byte}; a file starting with 'x' cannot be decoded. Counts what it was given. */
  private static final class Lengths implements MediaFeaturizer {
    final List<Integer> batches = new ArrayList<>();

    @Override public String name() { return "lengths/1"; }

    @Override public Vectors featurize(List<byte[]> files) {
      batches.add(files.size());
      float[][] rows = new float[files.size()][];
      String[] problems = new String[files.size()];
      for (int i = 0; i < rows.length; i++) {
        byte[] f = files.get(i);
        if (f[0] == 'x') problems[i] = "not a picture";
        else rows[i] = new float[] {f.length, f[0]};
      }
      return new Vectors(rows, problems);
    }

    @Override public void close() {}
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void aSecondRunReadsEveryVectorFromTheCacheAndSkipsWhatCannotBeRead() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 40; i++) files.add(file("f" + i, "a".repeat(i + 1)));
    files.add(file("broken", "xyz"));
    files.add(dir.resolve("gone"));
    files.add(file("copy", "a".repeat(3))); // same bytes as f2 under another name
    Path cacheFile = dir.resolve("cache/lengths.vectors");
    Lengths first = new Lengths();
    MediaVectors.Result r;
    try (FileEmbeddingCache cache = new FileEmbeddingCache(cacheFile)) {
      r = MediaVectors.of(files, first, cache, Progress.NONE);
    }
    assertEquals(List.of(32, 10), first.batches, "chunks of 32 files");
    assertArrayEquals(new float[] {7, 'a'}, r.rows()[6]);
    assertArrayEquals(r.rows()[2], r.rows()[42]);
    assertNull(r.rows()[40]);
    assertEquals(Map.of(40, "not a picture", 41, "no such file"), r.skipped());
    assertEquals(0, r.cached());

    Lengths second = new Lengths();
    try (FileEmbeddingCache cache = new FileEmbeddingCache(cacheFile)) {
      r = MediaVectors.of(files, second, cache, Progress.NONE);
    }
    assertEquals(List.of(1), second.batches, "only the undecodable file is tried again");
    assertEquals(41, r.cached());
    assertArrayEquals(new float[] {40, 'a'}, r.rows()[39]);
  }

  @Test
  void theKeyChangesWithTheFeaturizerVersion() {
    byte[] b = {1, 2, 3};
    assertTrue(!MediaVectors.key("lengths/1", b).equals(MediaVectors.key("lengths/2", b)));
    assertEquals(64, MediaVectors.key("lengths/1", b).length());
  }

  @Test
  void audioThatCannotBeDecodedIsReportedNotThrown() throws Exception {
    Path mp3 = Files.write(dir.resolve("song.mp3"), new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0});
    try (MediaFeaturizer f = MediaFeaturizer.audio(new AudioFeaturizer())) {
      MediaVectors.Result r = MediaVectors.of(List.of(mp3), f, new org.labelloop.learn.feature.InMemoryEmbeddingCache(),
          Progress.NONE);
      assertNull(r.rows()[0]);
      assertTrue(r.skipped().get(0).startsWith("cannot decode MP3"), r.skipped().toString());
    }
  }
}
