package org.labelloop.learn.feature;

import java.util.Arrays;
import java.util.List;

/**
 * Several embedders side by side: each text's vectors concatenated, each scaled by {@code 1/sqrt(parts)} so the whole
 * has unit length. Encoders trained on different data err differently, and a linear learner over both picks the
 * directions of each that separate the classes.
 */
public final class ConcatenatedEmbedder implements TextEmbedder, AutoCloseable {
  /** Joins the parts' names in {@link #name()}. */
  public static final String SEPARATOR = "+";

  private final List<TextEmbedder> parts;

  public ConcatenatedEmbedder(List<TextEmbedder> parts) {
    if (parts.size() < 2) throw new IllegalArgumentException("need at least two embedders to concatenate");
    this.parts = List.copyOf(parts);
  }

  /** The shipped embedder, or concatenation of them, that a {@link TextEmbedder#name()} stands for. */
  public static TextEmbedder named(String name, int threads) {
    String[] names = name.split(java.util.regex.Pattern.quote(SEPARATOR));
    if (names.length == 1) return SentenceEmbedder.named(name, threads);
    return new ConcatenatedEmbedder(Arrays.stream(names).map(n -> (TextEmbedder) SentenceEmbedder.named(n, threads))
        .toList());
  }

  @Override public String name() {
    return String.join(SEPARATOR, parts.stream().map(TextEmbedder::name).toList());
  }

  @Override public int dimension() { return parts.stream().mapToInt(TextEmbedder::dimension).sum(); }

  @Override public float[][] embed(List<String> texts) {
    float[][] out = new float[texts.size()][dimension()];
    float scale = (float) (1 / Math.sqrt(parts.size()));
    int offset = 0;
    for (TextEmbedder p : parts) {
      float[][] v = p.embed(texts);
      for (int i = 0; i < v.length; i++) for (int d = 0; d < v[i].length; d++) out[i][offset + d] = v[i][d] * scale;
      offset += p.dimension();
    }
    return out;
  }

  @Override public void close() {
    for (TextEmbedder p : parts) if (p instanceof AutoCloseable c) closePart(c);
  }

  private static void closePart(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot close " + c, e);
    }
  }
}
