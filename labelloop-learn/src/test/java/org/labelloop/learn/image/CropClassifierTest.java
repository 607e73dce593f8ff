package org.labelloop.learn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CropClassifierTest {
  /** Crop vectors near one corner per class, with some noise. */
  static float[] near(int cls, SplittableRandom rnd) {
    float[] v = new float[6];
    for (int j = 0; j < v.length; j++) v[j] = (float) (rnd.nextGaussian() * 0.3);
    v[cls] += 3;
    return v;
  }

  private static CropClassifier trained() {
    SplittableRandom rnd = new SplittableRandom(1);
    List<float[]> vectors = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    String[] names = {"wasp", "bee", CropClassifier.BACKGROUND};
    for (int i = 0; i < 90; i++) {
      vectors.add(near(i % 3, rnd));
      labels.add(names[i % 3]);
    }
    return CropClassifier.train(vectors, labels).orElseThrow();
  }

  @Test void learnsCategoriesAndBackgroundFromCropVectors() {
    CropClassifier c = trained();
    assertEquals(List.of("bee", "wasp", CropClassifier.BACKGROUND), c.classes());
    assertEquals(List.of("bee", "wasp"), c.categories());
    double[] p = c.probabilities(near(1, new SplittableRandom(7))); // a "bee" crop
    assertTrue(p[0] > 0.8 && p[0] > 5 * Math.max(p[1], p[2]), "bee probability " + p[0]);
    assertEquals(1, p[0] + p[1] + p[2], 1e-9);
  }

  @Test void givesAProposalOfAnUnmappedClassTheCategoryItsCropLooksLike() {
    Detection proposal = new Detection("kite", 0.3, 10, 20, 30, 40);
    Detection relabeled = trained().relabel(proposal, near(0, new SplittableRandom(3)), Map.of());
    assertEquals("wasp", relabeled.label());
    assertTrue(relabeled.score() > 0.8, "wasp probability " + relabeled.score());
    assertEquals(new Detection("wasp", relabeled.score(), 10, 20, 30, 40), relabeled);
  }

  @Test void keepsTheMappedCategoryAndDetectorScoreUnlessTheCropSaysOtherwiseConfidently() {
    CropClassifier c = trained();
    Detection dog = new Detection("dog", 0.6, 0, 0, 10, 10);
    Map<String, String> mapping = Map.of("dog", "wasp");
    Detection unsure = c.relabel(dog, new float[6], mapping); // the centre: no class is confident
    assertEquals(new Detection("wasp", 0.6, 0, 0, 10, 10), unsure);
    Detection overruled = c.relabel(dog, near(1, new SplittableRandom(5)), mapping);
    assertEquals("bee", overruled.label());
    assertTrue(overruled.score() >= CropClassifier.CONFIDENT);
  }

  @Test void needsALabeledCategoryAndASecondClassToTrain() {
    assertTrue(CropClassifier.train(List.of(new float[] {1}), List.of("bee")).isEmpty());
    assertTrue(CropClassifier.train(List.of(new float[] {1}), List.of(CropClassifier.BACKGROUND)).isEmpty());
    assertTrue(CropClassifier.train(List.of(new float[] {1}, new float[] {2}), List.of("bee", CropClassifier.BACKGROUND)).isPresent());
  }
}
