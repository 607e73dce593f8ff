package org.labelloop.learn.feature;

import java.io.Serializable;

/**
 * Supervised feature selection after TF-IDF: keep the {@code keep} columns with the highest univariate score on the
 * training rows (scikit-learn's {@code SelectKBest}). {@link Score#CHI2} suits non-negative TF-IDF,
 * {@link Score#ANOVA_F} any features, embeddings included. {@code keep = 0} keeps every column.
 */
public record FeatureSelection(Score score, int keep) implements Serializable {
  public static final FeatureSelection NONE = new FeatureSelection(Score.CHI2, 0);

  public enum Score { CHI2, ANOVA_F }

  public FeatureSelection {
    if (score == null) throw new IllegalArgumentException("score must not be null");
    if (keep < 0) throw new IllegalArgumentException("keep must be >= 0");
  }

  public static FeatureSelection chi2(int keep) { return new FeatureSelection(Score.CHI2, keep); }

  public static FeatureSelection anovaF(int keep) { return new FeatureSelection(Score.ANOVA_F, keep); }

  public boolean active() { return keep > 0; }

  /** {@code chi5000}, {@code f300} or empty when inactive. */
  public String shortName() {
    return active() ? (score == Score.CHI2 ? "chi" : "f") + keep : "";
  }
}
