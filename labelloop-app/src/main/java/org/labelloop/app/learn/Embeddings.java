package org.labelloop.app.learn;

import java.io.PrintWriter;
import java.util.List;
import org.labelloop.learn.feature.CachedEmbedder;
import org.labelloop.learn.feature.InMemoryEmbeddingCache;
import org.labelloop.learn.feature.MiniLmEmbedder;
import org.labelloop.learn.feature.TextEmbedder;

/** Decides whether sentence embeddings fit the time budget, by timing a small sample. */
final class Embeddings {
  private Embeddings() {}

  /** The embedder, or {@code null} when embedding {@code texts} would take more than {@code maxSeconds}. */
  static TextEmbedder ifAffordable(List<String> texts, double maxSeconds, PrintWriter err) {
    TextEmbedder e;
    try {
      e = new CachedEmbedder(new MiniLmEmbedder(), new InMemoryEmbeddingCache());
    } catch (RuntimeException ex) {
      err.println("note: embeddings unavailable (" + ex.getMessage() + "); using n-gram features only");
      return null;
    }
    int step = Math.max(1, texts.size() / 48);
    List<String> sample = new java.util.ArrayList<>();
    for (int i = 0; i < texts.size() && sample.size() < 48; i += step) sample.add(texts.get(i));
    e.embed(sample.subList(0, Math.min(8, sample.size()))); // warm-up
    long t0 = System.nanoTime();
    e.embed(sample);
    double perText = (System.nanoTime() - t0) / 1e9 / sample.size();
    double estimate = perText * texts.size();
    if (estimate > maxSeconds) {
      err.printf("note: embedding %d texts would take ~%.0f s (%.0f texts/s), over %.0f s; using n-gram features only%n",
          texts.size(), estimate, 1 / perText, maxSeconds);
      return null;
    }
    return e;
  }
}
