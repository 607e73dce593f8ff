package org.labelloop.app.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.feature.ConcatenatedEmbedder;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.feature.SentenceModel;
import org.labelloop.learn.feature.TextEmbedder;

class EmbeddingOptionsTest {
  private static final List<String> TEXTS = List.of("the striker scored", "shares fell", "a new chip");
  private final PrintWriter err = new PrintWriter(new StringWriter());

  private static EmbeddingOptions options(String embedder) {
    EmbeddingOptions o = new EmbeddingOptions();
    o.embedder = embedder;
    o.cacheDir = "none";
    return o;
  }

  private static String name(SentenceModel m) { return SentenceEmbedder.name(m, m.defaultMaxTokens()); }

  @Test
  void autoPairsE5SmallWithBgeSmallWhenItFits() {
    EmbeddingOptions auto = options("auto");
    TextEmbedder e5 = auto.embedAll(TEXTS, 600, Progress.NONE, err);
    assertEquals(name(SentenceModel.E5_SMALL), e5.name());
    TextEmbedder pair = auto.pairedWithBge(e5, TEXTS, 600, Progress.NONE, err);
    assertEquals(e5.dimension() * 2, pair.dimension());
    assertEquals(e5.name() + ConcatenatedEmbedder.SEPARATOR + name(SentenceModel.BGE_SMALL), pair.name());
  }

  @Test
  void onlyAutoAndOnlyBesideE5SmallIsPaired() {
    EmbeddingOptions chosen = options("e5-small");
    TextEmbedder e5 = chosen.embedAll(TEXTS, 600, Progress.NONE, err);
    assertNull(chosen.pairedWithBge(e5, TEXTS, 600, Progress.NONE, err), "an embedder named on the command line is kept");
    EmbeddingOptions auto = options("auto");
    TextEmbedder miniLm = options("minilm").embedAll(TEXTS, 600, Progress.NONE, err);
    assertNull(auto.pairedWithBge(miniLm, TEXTS, 600, Progress.NONE, err), "MiniLM beside bge-small gained nothing");
    assertNull(auto.pairedWithBge(null, TEXTS, 600, Progress.NONE, err));
  }
}
