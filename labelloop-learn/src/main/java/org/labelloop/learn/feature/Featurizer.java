package org.labelloop.learn.feature;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FeatureSpec} fitted to training rows: the TF-IDF vocabularies and, when the spec selects features, the kept
 * columns. Turns texts (or rows of a
 * {@link FeatureCache}) into the feature matrix a learner was trained on. The embedder is not serialised; the model
 * holding this featurizer supplies it again after loading.
 */
public final class Featurizer implements Serializable {
  // the value computed for the class before feature selection existed: models saved then still load (kept = null)
  private static final long serialVersionUID = 3900292196140630382L;
  private final FeatureSpec spec;
  private final TfidfVocabulary words;
  private final TfidfVocabulary chars;
  private final int[] kept; // sorted selected columns, null: all
  // Sentence embeddings share a large common direction (e5's cosine between unrelated texts is ~0.8); subtracting the
  // training rows' mean and re-normalising spreads them out, which lifted softmax regression on 10-40 labels by up to
  // 13 points (BENCHMARKS.md). Null: no embeddings, or a model saved before centering existed.
  private final float[] embeddingMean;

  private Featurizer(FeatureSpec spec, TfidfVocabulary words, TfidfVocabulary chars, int[] kept, float[] embeddingMean) {
    this.spec = spec;
    this.words = words;
    this.chars = chars;
    this.kept = kept;
    this.embeddingMean = embeddingMean;
  }

  /** Fits IDF/vocabulary on {@code rows} of the cache; the spec must not select features (that needs labels). */
  public static Featurizer fit(FeatureSpec spec, FeatureCache cache, int[] rows) {
    if (spec.selection().active()) throw new IllegalArgumentException("feature selection needs the labels of the rows");
    return fitUnselected(spec, cache, rows);
  }

  /**
   * Fits IDF/vocabulary and, if the spec asks for it, the feature selection on {@code rows} of the cache, whose class
   * indices are {@code y} (aligned with {@code rows}). Only these rows are looked at, so inside a CV fold nothing is
   * learned from its test rows.
   */
  public static Featurizer fit(FeatureSpec spec, FeatureCache cache, int[] rows, int[] y) {
    if (y.length != rows.length) throw new IllegalArgumentException("one label per row expected");
    Featurizer all = fitUnselected(spec, cache, rows);
    FeatureSelection sel = spec.selection();
    if (!sel.active()) return all;
    SparseMatrix x = all.transform(cache, rows);
    if (sel.keep() >= x.cols()) return all;
    int numClasses = java.util.Arrays.stream(y).max().orElse(0) + 1;
    int[] kept = ColumnScores.top(ColumnScores.score(sel.score(), x, y, numClasses), sel.keep());
    return new Featurizer(spec, all.words, all.chars, kept, all.embeddingMean);
  }

  private static Featurizer fitUnselected(FeatureSpec spec, FeatureCache cache, int[] rows) {
    TfidfVocabulary w = spec.wordMaxN() > 0
        ? TfidfVocabulary.fit(cache.words(spec.wordMaxN()).matrix(), rows, effectiveMinDf(spec, rows), spec.maxFeatures(), true)
        : null;
    TfidfVocabulary c = spec.charMaxN() > 0
        ? TfidfVocabulary.fit(cache.chars(spec.charMinN(), spec.charMaxN()).matrix(), rows, effectiveMinDf(spec, rows),
            spec.maxFeatures(), true)
        : null;
    return new Featurizer(spec, w, c, null, spec.usesEmbeddings() ? mean(cache.embeddings(), rows) : null);
  }

  private static float[] mean(SparseMatrix m, int[] rows) {
    double[] sum = new double[m.cols()];
    for (int r : rows) for (int k = m.start(r); k < m.end(r); k++) sum[m.col(k)] += m.val(k);
    float[] mean = new float[sum.length];
    for (int j = 0; j < sum.length; j++) mean[j] = (float) (sum[j] / Math.max(1, rows.length));
    return mean;
  }

  /** Rows minus the training mean, back to unit length. */
  private SparseMatrix centered(SparseMatrix m) {
    if (embeddingMean == null) return m;
    float[][] d = m.toDense();
    for (float[] row : d) {
      double norm = 0;
      for (int j = 0; j < row.length; j++) {
        row[j] -= embeddingMean[j];
        norm += (double) row[j] * row[j];
      }
      float inv = (float) (1 / Math.max(1e-12, Math.sqrt(norm)));
      for (int j = 0; j < row.length; j++) row[j] *= inv;
    }
    return SparseMatrix.ofDense(d, m.cols());
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
    SparseMatrix x = allColumns(cache, rows);
    return kept == null ? x : x.columns(kept);
  }

  private SparseMatrix allColumns(FeatureCache cache, int[] rows) {
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
      blocks.add(centered(select(cache.embeddings(), rows)));
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
