package org.labelloop.learn.image;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.labelloop.learn.onnx.GuardedSession;

/**
 * Image embeddings from an ONNX model: decode, scale and normalise each image ({@link ImageInput}), run batches on one
 * shared session, and concatenate the named outputs (each [batch, d]). As for text ({@code SentenceEmbedder}),
 * parallelism is across batches, each single-threaded inside ONNX Runtime, and the JPEG decoding runs on the same
 * workers. A model whose input declares a batch of 1 is fed one image per run.
 */
public final class OnnxImageEncoder implements ImageEncoder {
  private final String name;
  private final GuardedSession session;
  private final ImageInput input;
  private final List<String> outputs;
  private final int dimension;
  private final int batchSize;
  private final ExecutorService workers;
  private final String inputName;

  /**
   * @param outputs model outputs to concatenate, each [batch, d]; empty: all of the model's outputs
   * @param threads batches run at once
   */
  public OnnxImageEncoder(String name, byte[] model, ImageInput input, List<String> outputs, int batchSize, int threads) {
    if (batchSize < 1 || threads < 1) throw new IllegalArgumentException("batch size and threads must be positive");
    this.name = name;
    this.session = new GuardedSession(model, 1);
    this.input = input;
    this.inputName = session.inputNames().iterator().next();
    this.outputs = outputs.isEmpty() ? List.copyOf(session.outputNames()) : List.copyOf(outputs);
    for (String o : this.outputs)
      if (!session.outputNames().contains(o)) throw new IllegalArgumentException("the model has no output '" + o + "' (it has " + session.outputNames() + ")");
    long[] shape = session.inputShape();
    if (shape.length != 4) throw new IllegalArgumentException("an image model needs a 4-d input, this one has " + shape.length + " dimensions");
    this.batchSize = shape[0] == 1 ? 1 : batchSize;
    this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("image-embed-", 0).factory());
    try {
      this.dimension = run(new float[input.size()], 1)[0].length;
    } catch (RuntimeException e) {
      close();
      throw new IllegalArgumentException("the model does not accept a " + input + " image or its outputs are not [batch, d]: " + e.getMessage(), e);
    }
  }

  @Override public String name() { return name; }

  @Override public int dimension() { return dimension; }

  @Override public float[][] embed(List<byte[]> images) {
    float[][] out = new float[images.size()][];
    List<Future<?>> jobs = new ArrayList<>();
    for (int b = 0; b < images.size(); b += batchSize) {
      int from = b, to = Math.min(images.size(), b + batchSize);
      jobs.add(workers.submit(() -> embedBatch(images, from, to, out)));
    }
    try {
      for (Future<?> f : jobs) f.get();
    } catch (InterruptedException e) {
      jobs.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding images", e);
    } catch (ExecutionException e) {
      jobs.forEach(f -> f.cancel(true));
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    return out;
  }

  private void embedBatch(List<byte[]> images, int from, int to, float[][] out) {
    List<Integer> ok = new ArrayList<>();
    float[] x = new float[(to - from) * input.size()];
    for (int i = from; i < to; i++) {
      try {
        input.write(Picture.decode(images.get(i), input.width(), input.height()).scaled(), x, ok.size() * input.size());
        ok.add(i);
      } catch (ImageDecodeException e) {
        out[i] = null;
      }
    }
    if (ok.isEmpty()) return;
    float[][] v = run(ok.size() == to - from ? x : java.util.Arrays.copyOf(x, ok.size() * input.size()), ok.size());
    for (int k = 0; k < ok.size(); k++) out[ok.get(k)] = v[k];
  }

  /** Runs {@code n} prepared images; rows are the concatenated outputs. */
  float[][] run(float[] x, int n) {
    long[] shape = input.channelsFirst() ? new long[] {n, 3, input.height(), input.width()} : new long[] {n, input.height(), input.width(), 3};
    return session.run(inputName, x, shape, new java.util.LinkedHashSet<>(outputs), r -> {
      float[][] rows = new float[n][];
      List<float[]> parts = new ArrayList<>();
      for (String o : outputs) parts.add(GuardedSession.floats(r, o));
      int d = 0;
      for (float[] p : parts) d += p.length / n;
      for (int i = 0; i < n; i++) {
        float[] row = new float[d];
        int at = 0;
        for (float[] p : parts) {
          int w = p.length / n;
          System.arraycopy(p, i * w, row, at, w);
          at += w;
        }
        rows[i] = row;
      }
      return rows;
    });
  }

  @Override public void close() {
    workers.shutdownNow();
    session.close();
  }
}
