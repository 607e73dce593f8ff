package org.labelloop.learn.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.feature.EmbeddingCache;

/**
 * The vectors of media files, each computed at most once per featurizer version: a file's vector is kept in an
 * {@link EmbeddingCache} under the SHA-256 of the featurizer's name and the file's bytes (so a renamed or copied file
 * is not featurized again), and only files missing from it are read and featurized, a chunk at a time.
 */
public final class MediaVectors {
  private static final int CHUNK = 32;

  private MediaVectors() {}

  /**
   * One vector per file, in order; a file that is missing, unreadable or undecodable has a null row and its reason in
   * {@code skipped} (by index). {@code cached} counts the files the cache already held.
   */
  public record Result(float[][] rows, Map<Integer, String> skipped, int cached) {
    public Result {
      skipped = Map.copyOf(skipped);
    }
  }

  public static Result of(List<Path> files, MediaFeaturizer featurizer, EmbeddingCache cache, Progress progress) {
    float[][] rows = new float[files.size()][];
    Map<Integer, String> skipped = new LinkedHashMap<>();
    String[] keys = new String[files.size()];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      byte[] b = read(files.get(i), i, skipped);
      if (b == null) continue;
      keys[i] = key(featurizer.name(), b);
      rows[i] = cache.get(keys[i]);
      if (rows[i] == null) missing.add(i);
    }
    int cached = files.size() - skipped.size() - missing.size();
    String what = "featurizing with " + featurizer.name();
    for (int from = 0; from < missing.size(); from += CHUNK) {
      progress.update(from, missing.size(), what);
      List<Integer> at = new ArrayList<>();
      List<byte[]> bytes = new ArrayList<>();
      for (int i : missing.subList(from, Math.min(missing.size(), from + CHUNK))) {
        byte[] b = read(files.get(i), i, skipped); // read again: a chunk at a time is all that is held in memory
        if (b == null) continue;
        at.add(i);
        bytes.add(b);
      }
      MediaFeaturizer.Vectors v = featurizer.featurize(bytes);
      for (int j = 0; j < at.size(); j++) {
        int i = at.get(j);
        if (v.rows()[j] == null) {
          skipped.put(i, v.problems()[j]);
        } else {
          rows[i] = v.rows()[j];
          cache.put(keys[i], rows[i]);
        }
      }
    }
    progress.update(missing.size(), missing.size(), what);
    return new Result(rows, skipped, cached);
  }

  private static byte[] read(Path file, int index, Map<Integer, String> skipped) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      skipped.put(index, e instanceof java.nio.file.NoSuchFileException ? "no such file" : "cannot read: " + e.getMessage());
      return null;
    }
  }

  /** Cache key: SHA-256 (hex) of the featurizer's name, a zero byte and the file's bytes. */
  static String key(String featurizer, byte[] file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(featurizer.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      return HexFormat.of().formatHex(md.digest(file));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
