package org.labelloop.learn.feature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A {@link TextEmbedder} that embeds only texts missing from an {@link EmbeddingCache}. */
public final class CachedEmbedder implements TextEmbedder {
  private final TextEmbedder inner;
  private final EmbeddingCache cache;

  public CachedEmbedder(TextEmbedder inner, EmbeddingCache cache) {
    this.inner = inner;
    this.cache = cache;
  }

  @Override public String name() { return inner.name(); }

  @Override public int dimension() { return inner.dimension(); }

  @Override public float[][] embed(List<String> texts) {
    float[][] out = new float[texts.size()][];
    List<String> missing = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    java.util.Map<String, Integer> firstMissing = new java.util.HashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      float[] v = cache.get(key(texts.get(i)));
      if (v != null) out[i] = v;
      else if (firstMissing.putIfAbsent(texts.get(i), i) == null) {
        missing.add(texts.get(i));
        where.add(i);
      }
    }
    if (!missing.isEmpty()) {
      float[][] fresh = inner.embed(missing);
      for (int m = 0; m < fresh.length; m++) {
        cache.put(key(missing.get(m)), fresh[m]);
        out[where.get(m)] = fresh[m];
      }
      for (int i = 0; i < out.length; i++) if (out[i] == null) out[i] = out[firstMissing.get(texts.get(i))];
    }
    return out;
  }

  /** Cache key: SHA-256 of model name and text. */
  public String key(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(inner.name().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
