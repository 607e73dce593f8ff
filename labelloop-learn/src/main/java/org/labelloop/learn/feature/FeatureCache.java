package org.labelloop.learn.feature;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Label-independent features of a fixed list of texts, computed at most once: hashed n-gram counts per n-gram range
 * and sentence embeddings. AutoML folds, configurations and active-learning rounds all featurize through one cache,
 * so only the cheap vocabulary/IDF fit is repeated per training set.
 */
public final class FeatureCache {
  private final List<String> texts;
  private final TextEmbedder embedder;
  private final ConcurrentHashMap<String, TermCounts> counts = new ConcurrentHashMap<>();
  private volatile SparseMatrix embeddings;

  /** {@code embedder} may be {@code null} when no spec uses embeddings. */
  public FeatureCache(List<String> texts, TextEmbedder embedder) {
    this.texts = List.copyOf(texts);
    this.embedder = embedder;
  }

  public List<String> texts() { return texts; }

  public int size() { return texts.size(); }

  public TextEmbedder embedder() { return embedder; }

  /**
   * A cache of the given rows only, sharing the embedder and any embeddings already computed; its n-gram counts are
   * computed for these rows alone when first used.
   */
  public FeatureCache subset(int[] rows) {
    FeatureCache sub = new FeatureCache(java.util.Arrays.stream(rows).mapToObj(texts::get).toList(), embedder);
    SparseMatrix e = embeddings;
    if (e != null) sub.embeddings = e.rows(rows);
    return sub;
  }

  TermCounts words(int maxN) {
    return counts.computeIfAbsent("w" + maxN, k -> TermCounts.of(texts, false, 1, maxN));
  }

  TermCounts chars(int minN, int maxN) {
    return counts.computeIfAbsent("c" + minN + maxN, k -> TermCounts.of(texts, true, minN, maxN));
  }

  /** Embeddings of all texts as a dense block (computed on first use). */
  public SparseMatrix embeddings() {
    SparseMatrix e = embeddings;
    if (e == null) {
      synchronized (this) {
        if (embeddings == null) {
          if (embedder == null) throw new IllegalStateException("no embedder configured");
          embeddings = SparseMatrix.ofDense(embedder.embed(texts), embedder.dimension());
        }
        e = embeddings;
      }
    }
    return e;
  }

  /** Warms the cache for a spec (counts and embeddings). */
  public void prepare(FeatureSpec spec) {
    if (spec.wordMaxN() > 0) words(spec.wordMaxN());
    if (spec.charMaxN() > 0) chars(spec.charMinN(), spec.charMaxN());
    if (spec.usesEmbeddings()) embeddings();
  }
}
