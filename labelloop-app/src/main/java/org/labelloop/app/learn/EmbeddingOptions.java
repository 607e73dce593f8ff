package org.labelloop.app.learn;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.feature.CachedEmbedder;
import org.labelloop.learn.feature.InMemoryEmbeddingCache;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.feature.SentenceModel;
import org.labelloop.learn.feature.TextEmbedder;
import picocli.CommandLine.Option;

/**
 * {@code --embedder} / {@code --no-embeddings}: which sentence-embedding model the learners may use. {@code auto} takes
 * the strongest model that embeds the data within the time it is given, else a faster one, else none.
 */
final class EmbeddingOptions {
  private static final int CHUNK = 128;

  @Option(names = "--embedder", defaultValue = "auto", paramLabel = "MODEL",
      description = "Sentence embeddings: auto (e5-small if it fits the time, else minilm, else none), e5-small, minilm "
          + "or none (default ${DEFAULT-VALUE}).")
  String embedder;

  @Option(names = "--no-embeddings", description = "Same as --embedder none.")
  boolean none;

  /** Whether the learner named on the command line can use embeddings at all. */
  static boolean usefulFor(String learner) {
    String l = learner.toLowerCase(Locale.ROOT);
    return l.equals("auto") || l.endsWith("-emb");
  }

  /**
   * Embeds {@code texts} with the chosen model and returns the embedder holding them, or {@code null} for none. Under
   * {@code auto} a model is dropped as soon as its measured pace, after a warm-up chunk, projects over
   * {@code maxSeconds} (a timed sample before the run misjudged by half: ONNX Runtime warms up over several batches).
   */
  TextEmbedder embedAll(List<String> texts, double maxSeconds, Progress progress, PrintWriter err) {
    String name = none ? "none" : embedder.toLowerCase(Locale.ROOT);
    if (name.equals("none")) return null;
    if (!name.equals("auto")) {
      SentenceModel m;
      try {
        m = SentenceModel.byCliName(name);
      } catch (IllegalArgumentException e) {
        throw new UserError("unknown --embedder '" + embedder + "' (use auto, e5-small, minilm or none)");
      }
      return embed(m, texts, Double.POSITIVE_INFINITY, progress, err);
    }
    for (SentenceModel m : List.of(SentenceModel.E5_SMALL, SentenceModel.MINILM_L6)) {
      TextEmbedder e = embed(m, texts, maxSeconds, progress, err);
      if (e != null) return e;
    }
    err.println("note: using n-gram features only");
    return null;
  }

  private static TextEmbedder embed(SentenceModel m, List<String> texts, double maxSeconds, Progress progress,
      PrintWriter err) {
    SentenceEmbedder raw;
    try {
      raw = new SentenceEmbedder(m);
    } catch (RuntimeException ex) {
      err.println("note: " + m.cliName() + " embeddings unavailable (" + ex.getMessage() + ")");
      return null;
    }
    TextEmbedder e = new CachedEmbedder(raw, new InMemoryEmbeddingCache());
    String what = "embedding with " + m.cliName();
    long start = System.nanoTime(), paceStart = start;
    for (int from = 0; from < texts.size(); from += CHUNK) {
      progress.update(from, texts.size(), what);
      e.embed(texts.subList(from, Math.min(texts.size(), from + CHUNK)));
      int done = Math.min(texts.size(), from + CHUNK);
      if (from == 0) {
        paceStart = System.nanoTime(); // the first chunk is the warm-up
        continue;
      }
      double pace = (System.nanoTime() - paceStart) / 1e9 / (done - CHUNK);
      double projected = (System.nanoTime() - start) / 1e9 + pace * (texts.size() - done);
      if (projected > maxSeconds) {
        raw.close();
        err.printf(Locale.ROOT, "\r\u001b[Knote: embedding %d texts with %s would take ~%.0f s (%.0f texts/s), over %.0f s%n",
            texts.size(), m.cliName(), projected, 1 / pace, maxSeconds);
        return null;
      }
    }
    progress.update(texts.size(), texts.size(), what);
    return e;
  }
}
