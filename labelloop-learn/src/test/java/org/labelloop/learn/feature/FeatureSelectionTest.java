package org.labelloop.learn.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureSelectionTest {
  private static final String[] NOISE = {"the", "a", "of", "and", "to", "in", "is", "it", "on", "was"};

  /** Class 0 documents say "alpha", class 1 "beta"; all draw 5 words from the same noise vocabulary. */
  private static List<String> docs(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder b = new StringBuilder(i % 2 == 0 ? "alpha" : "beta");
      for (int w = 0; w < 5; w++) b.append(' ').append(NOISE[rnd.nextInt(NOISE.length)]);
      out.add(b.toString());
    }
    return out;
  }

  private static int[] labels(int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = i % 2;
    return y;
  }

  @Test
  void chi2KeepsTheWordsThatSeparateTheClasses() {
    List<String> texts = docs(60, 7);
    FeatureCache cache = new FeatureCache(texts, null);
    int[] rows = java.util.stream.IntStream.range(0, 60).toArray();
    FeatureSpec spec = new FeatureSpec(1, 0, 0, 0, 1, 1000).withSelection(FeatureSelection.chi2(2));
    Featurizer f = Featurizer.fit(spec, cache, rows, labels(60));
    assertEquals(2, f.transform(cache).cols());
    SparseMatrix probe = f.transform(List.of("alpha", "beta", "the a of and to in is it on was"), null);
    assertEquals(1, probe.end(0) - probe.start(0), "alpha kept");
    assertEquals(1, probe.end(1) - probe.start(1), "beta kept");
    assertEquals(0, probe.end(2) - probe.start(2), "no noise word kept");
    assertEquals("w11.chi2", spec.shortName());
  }

  @Test
  void selectionLooksOnlyAtTheTrainingRows() {
    // "gamma" marks class 1 perfectly, but only in rows 40..59, which are left out of the fit
    List<String> texts = new ArrayList<>();
    for (String d : docs(60, 3)) texts.add(d.replace("alpha", "zeta").replace("beta", "zeta"));
    for (int i = 41; i < 60; i += 2) texts.set(i, texts.get(i) + " gamma");
    int[] y = labels(60);
    FeatureCache cache = new FeatureCache(texts, null);
    int[] train = java.util.stream.IntStream.range(0, 40).toArray();
    int[] yTrain = java.util.Arrays.copyOf(y, 40);
    Featurizer f = Featurizer.fit(new FeatureSpec(1, 0, 0, 0, 1, 1000).withSelection(FeatureSelection.chi2(3)),
        cache, train, yTrain);
    SparseMatrix probe = f.transform(List.of("gamma"), null);
    assertEquals(0, probe.end(0) - probe.start(0), "a term absent from the training rows cannot be selected");
  }

  @Test
  void chi2MatchesTheHandComputedStatistic() {
    // feature 0: class 0 sums to 3, class 1 to 1; equal priors, so E = 2 each and chi2 = 1/2 + 1/2 = 1
    SparseMatrix x = SparseMatrix.ofDense(new float[][] {{1, 1}, {2, 1}, {1, 1}, {0, 1}}, 2);
    double[] chi = ColumnScores.chi2(x, new int[] {0, 0, 1, 1}, 2);
    assertEquals(1.0, chi[0], 1e-12);
    assertEquals(0.0, chi[1], 1e-12, "a constant column carries no class information");
  }

  @Test
  void anovaFRanksASeparatingDenseColumnFirst() {
    SplittableRandom rnd = new SplittableRandom(11);
    float[][] rows = new float[100][];
    int[] y = labels(100);
    for (int i = 0; i < 100; i++) {
      rows[i] = new float[] {(float) rnd.nextGaussian(), (float) (y[i] * 2 - 1 + 0.5 * rnd.nextGaussian()),
          (float) -rnd.nextDouble()};
    }
    double[] f = ColumnScores.anovaF(SparseMatrix.ofDense(rows, 3), y, 2);
    assertTrue(f[1] > 50 * Math.max(f[0], f[2]), "column 1 separates the classes: " + java.util.Arrays.toString(f));
    assertEquals(1, ColumnScores.top(f, 1)[0]);
  }

  @Test
  void fittingWithoutLabelsRejectsASelectingSpec() {
    FeatureCache cache = new FeatureCache(docs(4, 1), null);
    FeatureSpec spec = FeatureSpec.words().withSelection(FeatureSelection.chi2(10));
    assertThrows(IllegalArgumentException.class, () -> Featurizer.fit(spec, cache, new int[] {0, 1, 2, 3}));
  }

  @Test
  void chi2IsRejectedForEmbeddingsWhichCanBeNegative() {
    assertThrows(IllegalArgumentException.class,
        () -> FeatureSpec.embeddingsOnly().withSelection(FeatureSelection.chi2(10)));
    assertEquals("emb.f10", FeatureSpec.embeddingsOnly().withSelection(FeatureSelection.anovaF(10)).shortName());
  }
}
