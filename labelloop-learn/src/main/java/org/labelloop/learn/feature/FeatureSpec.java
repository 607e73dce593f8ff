package org.labelloop.learn.feature;

/**
 * What to featurize: word {@code 1..wordMaxN}-grams (0 = none), char {@code charMinN..charMaxN}-grams (0 = none),
 * both TF-IDF with {@code minDf}/{@code maxFeatures}, and sentence embeddings weighted by {@code embeddingWeight}
 * (0 = none). Each sparse block is L2-normalised and scaled by {@code 1/sqrt(blocks)} so the sparse part has unit
 * norm; the embedding block (unit norm) is multiplied by its weight. Finally {@code selection} may keep only the columns
 * most associated with the labels of the training rows.
 */
public record FeatureSpec(int wordMaxN, int charMinN, int charMaxN, double embeddingWeight, int minDf,
    int maxFeatures, FeatureSelection selection) implements java.io.Serializable {
  public FeatureSpec {
    if (selection == null) selection = FeatureSelection.NONE; // also what models saved before selection existed hold
    if (wordMaxN < 0 || wordMaxN > 3) throw new IllegalArgumentException("wordMaxN must be in 0..3");
    if (charMaxN != 0 && (charMinN < 1 || charMaxN < charMinN || charMaxN > 6)) {
      throw new IllegalArgumentException("char n-gram range must be within 1..6");
    }
    if (embeddingWeight < 0) throw new IllegalArgumentException("embeddingWeight must be >= 0");
    if (minDf < 1 || maxFeatures < 1) throw new IllegalArgumentException("minDf and maxFeatures must be positive");
    if (wordMaxN == 0 && charMaxN == 0 && embeddingWeight == 0) throw new IllegalArgumentException("no features");
    if (selection.active() && selection.score() == FeatureSelection.Score.CHI2 && embeddingWeight > 0) {
      throw new IllegalArgumentException("chi2 needs non-negative features; use ANOVA F with embeddings");
    }
  }

  /** Without feature selection. */
  public FeatureSpec(int wordMaxN, int charMinN, int charMaxN, double embeddingWeight, int minDf, int maxFeatures) {
    this(wordMaxN, charMinN, charMaxN, embeddingWeight, minDf, maxFeatures, FeatureSelection.NONE);
  }

  /** Word 1-2 grams + char 2-5 grams: the robust sparse default. */
  public static FeatureSpec sparseDefault() { return new FeatureSpec(2, 2, 5, 0, 2, 300_000); }

  public static FeatureSpec words() { return new FeatureSpec(2, 0, 0, 0, 2, 300_000); }

  public static FeatureSpec embeddingsOnly() { return new FeatureSpec(0, 0, 0, 1, 1, 1); }

  public FeatureSpec withEmbeddings(double weight) {
    return new FeatureSpec(wordMaxN, charMinN, charMaxN, weight, minDf, maxFeatures, selection);
  }

  public FeatureSpec withSelection(FeatureSelection s) {
    return new FeatureSpec(wordMaxN, charMinN, charMaxN, embeddingWeight, minDf, maxFeatures, s);
  }

  public boolean usesSparse() { return wordMaxN > 0 || charMaxN > 0; }

  public boolean usesEmbeddings() { return embeddingWeight > 0; }

  /** Whether all feature values are non-negative (no embeddings). */
  public boolean nonNegative() { return !usesEmbeddings(); }

  /** Short description without spaces, e.g. {@code w12+c25+emb1} or {@code w12.chi20000}. */
  public String shortName() {
    StringBuilder b = new StringBuilder();
    if (wordMaxN > 0) b.append("w1").append(wordMaxN);
    if (charMaxN > 0) b.append(b.isEmpty() ? "" : "+").append("c").append(charMinN).append(charMaxN);
    if (embeddingWeight > 0) {
      b.append(b.isEmpty() ? "" : "+").append("emb");
      if (usesSparse()) b.append(embeddingWeight);
    }
    if (selection.active()) b.append('.').append(selection.shortName());
    return b.toString();
  }
}
