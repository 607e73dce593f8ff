package org.labelloop.learn.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TfidfTest {
  private static final List<String> DOCS = List.of("the cat sat on the mat", "the dog sat on the log",
      "cats and dogs", "a unique zebra");

  @Test
  void rowsHaveUnitNormAndIdfFavoursRareTerms() {
    FeatureCache cache = new FeatureCache(DOCS, null);
    Featurizer f = Featurizer.fit(new FeatureSpec(1, 0, 0, 0, 1, 1000), cache, new int[] {0, 1, 2, 3});
    SparseMatrix x = f.transform(cache);
    for (int r = 0; r < x.rows(); r++) assertEquals(1.0, x.squaredNorm(r), 1e-5);
    // in doc 0 "the" appears twice but in two docs, "cat" once in one doc: idf outweighs sublinear tf
    SparseMatrix single = Featurizer.fit(new FeatureSpec(1, 0, 0, 0, 1, 1000), cache, new int[] {0, 1, 2, 3})
        .transform(List.of("the cat"), null);
    float a = single.val(single.start(0)), b = single.val(single.start(0) + 1);
    assertTrue(Math.abs(a - b) > 1e-3, "rare and common words get different weights");
  }

  @Test
  void minDfDropsTermsSeenInTooFewDocuments() {
    FeatureCache cache = new FeatureCache(DOCS, null);
    int[] all = {0, 1, 2, 3};
    int kept1 = Featurizer.fit(new FeatureSpec(1, 0, 0, 0, 1, 1000), cache, all).transform(cache).cols();
    // few documents: min_df is relaxed to 1 below 50 training rows, so use the vocabulary directly
    int kept2 = TfidfVocabulary.fit(TermCounts.of(DOCS, false, 1, 1).matrix(), all, 2, 1000, true).size();
    assertTrue(kept2 < kept1);
    assertEquals(3, kept2, "the, sat, on appear in two documents");
  }

  @Test
  void maxFeaturesKeepsMostFrequentBuckets() {
    int[] all = {0, 1, 2, 3};
    assertEquals(2, TfidfVocabulary.fit(TermCounts.of(DOCS, false, 1, 2).matrix(), all, 1, 2, true).size());
  }

  @Test
  void charGramsRelateInflectedWords() {
    FeatureCache cache = new FeatureCache(List.of("cat", "cats", "zebra"), null);
    SparseMatrix x = Featurizer.fit(new FeatureSpec(0, 2, 4, 0, 1, 1000), cache, new int[] {0, 1, 2}).transform(cache);
    assertTrue(cosine(x, 0, 1) > 0.5, "cat ~ cats");
    assertEquals(0, cosine(x, 0, 2), 1e-9, "cat and zebra share no char n-gram");
  }

  @Test
  void wordBigramsAreSeparateFeatures() {
    assertEquals(3, TermCounts.wordGrams("new york", 1, 2).length);
    assertEquals(1, TermCounts.wordGrams("new york", 2, 2).length);
  }

  static double cosine(SparseMatrix x, int a, int b) {
    double[] dense = new double[x.cols() + 1];
    for (int k = x.start(a); k < x.end(a); k++) dense[x.col(k)] = x.val(k);
    return x.dot(b, dense, 0) / Math.sqrt(x.squaredNorm(a) * x.squaredNorm(b));
  }
}
