package org.labelloop.learn.feature;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FeatureSpec} fitted to training rows: the TF-IDF vocabularies. Turns texts (or rows of a
 * {@link FeatureCache}) into the feature matrix a learner was trained on. The embedder is not serialised; the model
 * holding this featurizer supplies it again after loading.
 */
public final class Featurizer implements Serializable {
  private final FeatureSpec spec;
  private final TfidfVocabulary words;
  private final TfidfVocabulary chars;

  private Featurizer(FeatureSpec spec, TfidfVocabulary words, TfidfVocabulary chars) {
    this.spec = spec;
    this.words = words;
    this.chars = chars;
  }

  /** Fits IDF/vocabulary on {@code rows} of the cache. */
  public static Featurizer fit(FeatureSpec spec, FeatureCache cache, int[] rows) {
    TfidfVocabulary w = spec.wordMaxN() > 0
        ? TfidfVocabulary.fit(cache.words(spec.wordMaxN()).matrix(), rows, effectiveMinDf(spec, rows), spec.maxFeatures(), true)
        : null;
    TfidfVocabulary c = spec.charMaxN() > 0
        ? TfidfVocabulary.fit(cache.chars(spec.charMinN(), spec.charMaxN()).matrix(), rows, effectiveMinDf(spec, rows),
            spec.maxFeatures(), true)
        : null;
    return new Featurizer(spec, w, c);
  }

  /** With very few documents a minimum document frequency above 1 would drop nearly everything. */
  private static int effectiveMinDf(FeatureSpec spec, int[] rows) {
    return rows.length < 50 ? 1 : spec.minDf();
  }

  public FeatureSpec spec() { return spec; }

  /** Features of every row of the cache. */
  public SparseMatrix transform(FeatureCache cache) {
    return transform(cache, null);
  }

  /** Features of the given rows of the cache ({@code null}: all rows), in that order. */
  public SparseMatrix transform(FeatureCache cache, int[] rows) {
    List<SparseMatrix> blocks = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    int sparse = (words != null ? 1 : 0) + (chars != null ? 1 : 0);
    if (words != null) {
      blocks.add(words.transform(select(cache.words(spec.wordMaxN()).matrix(), rows)));
      weights.add(1 / Math.sqrt(sparse));
    }
    if (chars != null) {
      blocks.add(chars.transform(select(cache.chars(spec.charMinN(), spec.charMaxN()).matrix(), rows)));
      weights.add(1 / Math.sqrt(sparse));
    }
    if (spec.usesEmbeddings()) {
      blocks.add(select(cache.embeddings(), rows));
      weights.add(spec.embeddingWeight());
    }
    if (blocks.size() == 1 && weights.get(0) == 1.0) return blocks.get(0);
    return SparseMatrix.hstack(blocks.toArray(SparseMatrix[]::new), weights.stream().mapToDouble(d -> d).toArray());
  }

  private static SparseMatrix select(SparseMatrix m, int[] rows) {
    return rows == null ? m : m.rows(rows);
  }

  /** Features of new texts; {@code embedder} may be {@code null} when the spec uses no embeddings. */
  public SparseMatrix transform(List<String> texts, TextEmbedder embedder) {
    return transform(new FeatureCache(texts, embedder));
  }
}
