package org.labelloop.app.learn;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.feature.CachedEmbedder;
import org.labelloop.learn.feature.ConcatenatedEmbedder;
import org.labelloop.learn.feature.EmbeddingCache;
import org.labelloop.learn.feature.FileEmbeddingCache;
import org.labelloop.learn.feature.InMemoryEmbeddingCache;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.feature.SentenceModel;
import org.labelloop.learn.feature.TextEmbedder;
import picocli.CommandLine.Option;

/**
 * {@code --embedder} / {@code --no-embeddings} / {@code --embedding-cache}: which sentence-embedding model the learners
 * may use, and where vectors are kept between runs. {@code auto} takes the strongest model that embeds the data within
 * the time it is given, else a faster one, else none; texts embedded by an earlier run cost nothing.
 */
public final class EmbeddingOptions {
  private static final int CHUNK = 128;

  /** The options of a command whose {@code --embedder} names one model, or none, by default. */
  public static EmbeddingOptions named(String embedder) {
    EmbeddingOptions o = new EmbeddingOptions();
    o.embedder = embedder;
    return o;
  }

  @Option(names = "--embedding-cache", paramLabel = "DIR|none",
      description = "Directory of the embedding cache, one file per model, keyed by a hash of model and text (default: "
          + "$LABELLOOP_EMBEDDING_CACHE, else $XDG_CACHE_HOME/labelloop/embeddings, else ~/.cache/labelloop/embeddings; "
          + "delete it to clear the cache); none keeps vectors in memory only.")
  String cacheDir;

  @Option(names = "--embedder", defaultValue = "auto", paramLabel = "MODEL",
      description = "Sentence embeddings: auto (e5-small if it fits the time, for automl with bge-small beside it when "
          + "that fits too or the search leaves time for it, else minilm, else none), e5-small, bge-small, minilm, "
          + "several joined by +, or none (default ${DEFAULT-VALUE}).")
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
   * {@code auto} a model is dropped as soon as its measured cost, after a warm-up chunk, projects over
   * {@code maxSeconds} for the texts not in the cache (a timed sample before the run misjudged by half: ONNX Runtime
   * warms up over several batches): e5-small, else MiniLM, else none.
   */
  public TextEmbedder embedAll(List<String> texts, double maxSeconds, Progress progress, PrintWriter err) {
    String name = none ? "none" : embedder.toLowerCase(Locale.ROOT);
    if (name.equals("none")) return null;
    if (!name.equals("auto")) {
      List<SentenceModel> models;
      try {
        models = Arrays.stream(name.split("\\+")).map(SentenceModel::byCliName).toList();
      } catch (IllegalArgumentException e) {
        throw new UserError("unknown --embedder '" + embedder + "' (use auto, none, or e5-small, bge-small, minilm or "
            + "several joined by +)");
      }
      List<TextEmbedder> parts = new ArrayList<>();
      for (SentenceModel m : models) {
        TextEmbedder e = embed(m, texts, Double.POSITIVE_INFINITY, progress, err);
        if (e == null) return null;
        parts.add(e);
      }
      return parts.size() == 1 ? parts.get(0) : new ConcatenatedEmbedder(parts);
    }
    TextEmbedder e5 = embed(SentenceModel.E5_SMALL, texts, maxSeconds, progress, err);
    if (e5 != null) return e5;
    TextEmbedder miniLm = embed(SentenceModel.MINILM_L6, texts, maxSeconds, progress, err);
    if (miniLm != null) return miniLm;
    err.println("note: using n-gram features only");
    return null;
  }

  /**
   * Under {@code auto}, where {@code first} is e5-small's: e5-small joined by bge-small when bge-small embeds the texts
   * within {@code maxSeconds} (measured as {@link #embedAll} measures), else null. On app reviews the pair's best
   * configuration cross-validated at 0.934 against 0.932 (bge-small) and 0.927 (e5-small) alone (BENCHMARKS.md, issue
   * 16); MiniLM beside bge-small gained nothing.
   */
  TextEmbedder pairedWithBge(TextEmbedder first, List<String> texts, double maxSeconds, Progress progress,
      PrintWriter err) {
    boolean auto = !none && embedder.equalsIgnoreCase("auto");
    SentenceModel e5 = SentenceModel.E5_SMALL;
    if (!auto || first == null || !first.name().equals(SentenceEmbedder.name(e5, e5.defaultMaxTokens()))) return null;
    TextEmbedder bge = embed(SentenceModel.BGE_SMALL, texts, maxSeconds, progress, err);
    return bge == null ? null : new ConcatenatedEmbedder(List.of(first, bge));
  }

  /** The cache directory chosen by {@code --embedding-cache}, the environment or the platform default; null for none. */
  Path cacheDirectory() {
    String cacheDir = this.cacheDir != null ? this.cacheDir : System.getenv("LABELLOOP_EMBEDDING_CACHE");
    if (cacheDir != null && !cacheDir.isBlank()) return cacheDir.equalsIgnoreCase("none") ? null : Path.of(cacheDir);
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("labelloop").resolve("embeddings");
  }

  private EmbeddingCache cacheFor(SentenceModel m, PrintWriter err) {
    return cacheNamed(SentenceEmbedder.name(m, m.defaultMaxTokens()), err);
  }

  /** The cache of one model's vectors: a file named after it in {@link #cacheDirectory()}, else memory only. */
  EmbeddingCache cacheNamed(String model, PrintWriter err) {
    Path dir = cacheDirectory();
    if (dir == null) return new InMemoryEmbeddingCache();
    String name = model.replaceAll("[^A-Za-z0-9._-]", "_");
    try {
      return new FileEmbeddingCache(dir.resolve(name + ".vectors"));
    } catch (java.io.UncheckedIOException ex) {
      err.println("note: " + ex.getMessage() + " (" + ex.getCause().getMessage() + "); embeddings are kept in memory only");
      return new InMemoryEmbeddingCache();
    }
  }

  /**
   * Embeds the texts the cache lacks, chunk by chunk, unless their cost projects over {@code maxSeconds}. The cost is
   * measured in CPU time of this process, not wall time: the embedder keeps every core it is given busy, so CPU seconds
   * per text times the texts, divided by the cores, is what embedding takes on this machine by itself, whatever other
   * processes happen to run meanwhile (a wall-clock pace measured under a passing load once dropped e5-small for
   * MiniLM). The first chunk is the warm-up. A busy machine makes the embedding slower, not a different choice, unless
   * it is so busy that the wall time passes twice {@code maxSeconds} (the texts embedded so far stay cached).
   */
  private TextEmbedder embed(SentenceModel m, List<String> texts, double maxSeconds, Progress progress,
      PrintWriter err) {
    SentenceEmbedder raw;
    try {
      raw = new SentenceEmbedder(m);
    } catch (RuntimeException ex) {
      err.println("note: " + m.cliName() + " embeddings unavailable (" + ex.getMessage() + ")");
      return null;
    }
    EmbeddingCache store = cacheFor(m, err);
    CachedEmbedder e = new CachedEmbedder(raw, store);
    List<String> distinct = texts.stream().distinct().toList();
    List<String> missing = distinct.stream().filter(t -> store.get(e.key(t)) == null).toList();
    if (missing.size() < distinct.size() && store instanceof FileEmbeddingCache f) {
      err.printf(Locale.ROOT, "%s: %d of %d texts cached in %s%n", m.cliName(), distinct.size() - missing.size(),
          distinct.size(), f.file());
    }
    String what = "embedding with " + m.cliName();
    int cores = Runtime.getRuntime().availableProcessors();
    long start = System.nanoTime(), cpuStart = 0;
    for (int from = 0; from < missing.size(); from += CHUNK) {
      progress.update(from, missing.size(), what);
      e.embed(missing.subList(from, Math.min(missing.size(), from + CHUNK)));
      int done = Math.min(missing.size(), from + CHUNK);
      if (from == 0) {
        cpuStart = cpuNanos();
        continue;
      }
      double cpuPerText = (cpuNanos() - cpuStart) / 1e9 / (done - CHUNK);
      double projected = cpuPerText * missing.size() / cores;
      double wall = (System.nanoTime() - start) / 1e9;
      if (projected > maxSeconds || wall > 2 * maxSeconds) {
        raw.close();
        closeQuietly(store);
        if (projected > maxSeconds) {
          err.printf(Locale.ROOT, "\r\u001b[Knote: embedding %d texts with %s would take ~%.0f s (%.1f CPU-ms a text, %d "
              + "cores), over %.0f s%n", missing.size(), m.cliName(), projected, cpuPerText * 1000, cores, maxSeconds);
        } else {
          err.printf(Locale.ROOT, "\r\u001b[Knote: embedding with %s stopped after %.0f s (other processes hold the cores; "
              + "%d of %d texts done and cached)%n", m.cliName(), wall, done, missing.size());
        }
        return null;
      }
    }
    progress.update(missing.size(), missing.size(), what);
    return e;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * This process's CPU time over the cores: how long its work takes on this machine by itself, whatever other
   * processes run meanwhile. Choices made on it (which encoders fit) come out the same on a busy machine.
   */
  static double cpuSecondsPerCore() {
    return cpuNanos() / 1e9 / Runtime.getRuntime().availableProcessors();
  }

  static void closeQuietly(EmbeddingCache c) {
    if (c instanceof FileEmbeddingCache f) f.close();
  }
}
