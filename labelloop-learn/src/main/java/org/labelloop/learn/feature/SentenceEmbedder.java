package org.labelloop.learn.feature;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.labelloop.learn.onnx.GuardedSession;

/**
 * Sentence embeddings (384-d) from a quantized {@link SentenceModel}, run in-process through ONNX Runtime.
 *
 * <p>The model and tokenizer are the files shipped inside LangChain4j's embedding jars; we drive them directly instead
 * of through its wrapper because the wrapper embeds one text per ONNX call. Here
 * texts are sorted by token length and cut into padded batches (little padding waste, one native call per batch),
 * then mean-pooled over the attention mask and L2-normalised, as sentence-transformers does. Inputs are truncated to
 * {@code maxTokens} (sentence-transformers' default for MiniLM is 256).
 *
 * <p>Parallelism is across batches, not inside one: {@code threads} batches run at once on the one shared session
 * ({@code OrtSession.run} is thread-safe), each single-threaded inside ONNX Runtime. A small model on short inputs
 * spends much of an intra-op-parallel run synchronising its threads per operator, and those threads spin or
 * oversleep when other processes share the cores; independent batches need no synchronisation (about twice the
 * throughput under load, see BENCHMARKS.md). Longest batches go first so the threads finish together.
 *
 * <p>{@link #close()} may come while batches run (a server stopping mid-embedding): it stops the workers, waits for the
 * batches in flight ({@link GuardedSession}) and for tokenizations, then frees the native session and tokenizer; calls
 * after it fail with an {@link IllegalStateException} instead of touching freed memory.
 */
public final class SentenceEmbedder implements TextEmbedder, AutoCloseable {
  private static final int DIM = 384;

  private final SentenceModel model;
  private final GuardedSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final ReentrantReadWriteLock tokenizerLock = new ReentrantReadWriteLock();
  private boolean closed;
  private final int maxTokens;
  private final int batchSize;
  private final ExecutorService workers;
  private final boolean tokenTypes;

  /** @param threads batches embedded at once, each on one core */
  public SentenceEmbedder(SentenceModel model, int maxTokens, int batchSize, int threads) {
    if (maxTokens < 8 || maxTokens > 512) throw new IllegalArgumentException("maxTokens must be in 8..512");
    if (batchSize < 1 || threads < 1) throw new IllegalArgumentException("batchSize and threads must be positive");
    this.model = model;
    this.maxTokens = maxTokens;
    this.batchSize = batchSize;
    try (InputStream m = SentenceEmbedder.class.getResourceAsStream("/" + model.file() + ".onnx");
        InputStream t = SentenceEmbedder.class.getResourceAsStream("/" + model.file() + "-tokenizer.json")) {
      if (m == null || t == null) throw new IllegalStateException(model.file() + " model files not on the classpath");
      this.session = new GuardedSession(m.readAllBytes(), 1);
      this.tokenTypes = session.inputNames().contains("token_type_ids");
      this.tokenizer = HuggingFaceTokenizer.newInstance(t, Map.of(
          "truncation", "true", "padding", "false", "maxLength", Integer.toString(maxTokens), "modelMaxLength",
          Integer.toString(maxTokens)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cannot load " + model.file() + ": " + e.getMessage(), e);
    }
    this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("embed-", 0).factory());
  }

  /** MiniLM with the given token cap and batching. */
  public static SentenceEmbedder miniLm(int maxTokens, int batchSize, int threads) {
    return new SentenceEmbedder(SentenceModel.MINILM_L6, maxTokens, batchSize, threads);
  }

  /** The model's default token cap, batches of 16, one batch per core. */
  public SentenceEmbedder(SentenceModel model) {
    this(model, model.defaultMaxTokens(), 16, Runtime.getRuntime().availableProcessors());
  }

  @Override public String name() { return name(model, maxTokens); }

  /** The {@link #name()} of an embedder truncating at {@code maxTokens}, known without loading the model. */
  public static String name(SentenceModel model, int maxTokens) { return model.file() + "/" + maxTokens; }

  /** The embedder a {@link #name()} stands for, with batches of 16 on {@code threads} cores. */
  public static SentenceEmbedder named(String name, int threads) {
    int slash = name.lastIndexOf('/');
    for (SentenceModel m : SentenceModel.values()) {
      if (slash > 0 && m.file().equals(name.substring(0, slash))) {
        try {
          return new SentenceEmbedder(m, Integer.parseInt(name.substring(slash + 1)), 16, threads);
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new IllegalArgumentException("no shipped sentence embedder is named '" + name + "'");
  }

  @Override public int dimension() { return DIM; }

  @Override public float[][] embed(List<String> texts) {
    Encoding[] enc = encode(texts);
    Integer[] order = IntStream.range(0, enc.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt(i -> len(enc[i])));
    float[][] out = new float[texts.size()][];
    List<Future<?>> batches = new ArrayList<>();
    try {
      for (int b = (order.length - 1) / batchSize * batchSize; b >= 0; b -= batchSize) { // longest first
        int[] idx = Arrays.stream(order, b, Math.min(order.length, b + batchSize)).mapToInt(Integer::intValue).toArray();
        batches.add(workers.submit(() -> runBatch(enc, idx, out)));
      }
      for (Future<?> f : batches) f.get();
    } catch (InterruptedException e) {
      batches.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    } catch (ExecutionException e) {
      batches.forEach(f -> f.cancel(true));
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (CancellationException | RejectedExecutionException e) {
      batches.forEach(f -> f.cancel(true));
      throw new IllegalStateException("the embedder was closed", e);
    }
    return out;
  }

  private Encoding[] encode(List<String> texts) {
    Encoding[] enc = new Encoding[texts.size()];
    tokenizerLock.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("the embedder was closed");
      IntStream.range(0, texts.size()).parallel().forEach(i -> enc[i] = tokenizer.encode(model.prefix() + cap(texts.get(i))));
    } finally {
      tokenizerLock.readLock().unlock();
    }
    return enc;
  }

  /** Characters beyond what {@code maxTokens} tokens can cover are never looked at (saves tokenizer time). */
  private String cap(String s) {
    int limit = maxTokens * 12;
    return s.length() > limit ? s.substring(0, limit) : s;
  }

  private int len(Encoding e) { return Math.min(e.getIds().length, maxTokens); }

  private void runBatch(Encoding[] enc, int[] idx, float[][] out) {
    int t = Arrays.stream(idx).map(i -> len(enc[i])).max().orElse(0);
    int n = idx.length;
    long[] ids = new long[n * t], mask = new long[n * t], types = new long[n * t];
    for (int r = 0; r < n; r++) {
      long[] id = enc[idx[r]].getIds();
      int l = len(enc[idx[r]]);
      System.arraycopy(id, 0, ids, r * t, l);
      if (l < id.length) ids[r * t + l - 1] = id[id.length - 1]; // keep [SEP] last when truncated
      Arrays.fill(mask, r * t, r * t + l, 1L);
    }
    long[] shape = {n, t};
    session.use((env, s) -> {
      try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
          OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
          OnnxTensor ty = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
          OrtSession.Result res = s.run(tokenTypes
              ? Map.of("input_ids", a, "attention_mask", m, "token_type_ids", ty)
              : Map.of("input_ids", a, "attention_mask", m))) {
        pool(res, mask, idx, t, model.clsPooling(), out);
        return null;
      }
    });
  }

  /**
   * Mean of the token vectors under the mask (or the first token's vector when {@code cls}), L2-normalised, into
   * {@code out} at each row's index.
   */
  private static void pool(OrtSession.Result res, long[] mask, int[] idx, int t, boolean cls, float[][] out) {
    int n = idx.length;
    FloatBuffer hidden = ((OnnxTensor) res.get(0)).getFloatBuffer(); // [n, t, DIM]: one flat copy, no nested arrays
    for (int r = 0; r < n; r++) {
      float[] v = new float[DIM];
      int count = 0;
      for (int k = 0; k < (cls ? 1 : t); k++) {
        if (mask[r * t + k] == 0) continue;
        count++;
        for (int d = 0, at = (r * t + k) * DIM; d < DIM; d++) v[d] += hidden.get(at + d);
      }
      double norm = 0;
      for (int d = 0; d < DIM; d++) {
        v[d] /= Math.max(1, count);
        norm += v[d] * v[d];
      }
      float inv = (float) (1 / Math.max(1e-12, Math.sqrt(norm)));
      for (int d = 0; d < DIM; d++) v[d] *= inv;
      out[idx[r]] = v;
    }
  }

  /** Stops the workers and waits for the batches and tokenizations in flight before freeing native memory. */
  @Override public void close() {
    workers.shutdownNow().forEach(queued -> ((Future<?>) queued).cancel(false)); // their embed() calls fail, not hang
    try {
      workers.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    session.close(); // waits for a batch still running, should the wait above have been cut short
    tokenizerLock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        tokenizer.close();
      }
    } finally {
      tokenizerLock.writeLock().unlock();
    }
  }
}
