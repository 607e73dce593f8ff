package org.labelloop.learn.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatenatedEmbedderTest {
  /** A unit vector per text: the text's length in the first or second coordinate, by parity. */
  private static TextEmbedder parity(String name) {
    return new TextEmbedder() {
      @Override public String name() { return name; }
      @Override public int dimension() { return 2; }
      @Override public float[][] embed(List<String> texts) {
        return texts.stream().map(t -> t.length() % 2 == 0 ? new float[] {1, 0} : new float[] {0, 1})
            .toArray(float[][]::new);
      }
    };
  }

  @Test
  void concatenatesThePartsIntoOneUnitVector() {
    TextEmbedder e = new ConcatenatedEmbedder(List.of(parity("a/8"), parity("b/8")));
    float[][] v = e.embed(List.of("ab", "abc"));
    float h = (float) Math.sqrt(0.5);
    assertArrayEquals(new float[] {h, 0, h, 0}, v[0], 1e-6f);
    assertArrayEquals(new float[] {0, h, 0, h}, v[1], 1e-6f);
    assertEquals(4, e.dimension());
    assertEquals("a/8+b/8", e.name());
  }

  @Test
  void aSavedModelsConcatenatedNameLoadsEveryPart() {
    String name = SentenceEmbedder.name(SentenceModel.MINILM_L6, 32) + "+" + SentenceEmbedder.name(SentenceModel.E5_SMALL, 32);
    try (ConcatenatedEmbedder e = (ConcatenatedEmbedder) ConcatenatedEmbedder.named(name, 1)) {
      assertEquals(name, e.name());
      float[] v = e.embed(List.of("a short review"))[0];
      assertEquals(768, v.length);
      double norm = 0;
      for (float f : v) norm += f * f;
      assertEquals(1.0, norm, 1e-4);
    }
  }

  @Test
  void oneEmbedderIsNotAConcatenation() {
    assertThrows(IllegalArgumentException.class, () -> new ConcatenatedEmbedder(List.of(parity("a/8"))));
  }
}
