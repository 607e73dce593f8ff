package org.labelloop.learn.audio;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.labelloop.learn.onnx.GuardedSession;

/**
 * Silero VAD (MIT, shipped as {@code silero_vad.onnx} with its licence beside it): the probability that each 32 ms
 * window of 16 kHz audio holds speech. The model is recurrent; each window is fed with the 64 samples before it and
 * the state the previous window left. Clips run together as one batch per window step (about three times the
 * throughput of one clip at a time), longest first so the batch only shrinks; batches run in parallel.
 *
 * <p>One ONNX session, shared and thread-safe, in a {@link GuardedSession}: {@link #close()} waits for running batches
 * and refuses new ones, so a shutdown never frees the native session under a running call.
 */
public final class SileroVad implements AutoCloseable {
  /** Samples per window: 32 ms at 16 kHz. */
  public static final int WINDOW = 512;
  private static final int CONTEXT = 64;
  private static final int STATE = 128;
  private static final int MAX_BATCH = 64;

  private final GuardedSession session;

  public SileroVad() {
    try (InputStream in = SileroVad.class.getResourceAsStream("silero_vad.onnx")) {
      if (in == null) throw new IllegalStateException("silero_vad.onnx is not on the classpath");
      session = new GuardedSession(in.readAllBytes(), 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Number of windows {@link #probabilities} gives for {@code samples} samples (a partial last window is padded). */
  public static int windows(int samples) { return (samples + WINDOW - 1) / WINDOW; }

  /** Speech probability of every window of every clip (16 kHz samples), in the order given. */
  public float[][] probabilities(List<float[]> clips) {
    return session.use((env, s) -> {
      Integer[] order = IntStream.range(0, clips.size()).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingInt((Integer i) -> clips.get(i).length).reversed());
      float[][] out = new float[clips.size()][];
      IntStream.range(0, (order.length + MAX_BATCH - 1) / MAX_BATCH).parallel().forEach(b -> {
        Integer[] batch = Arrays.copyOfRange(order, b * MAX_BATCH, Math.min(order.length, (b + 1) * MAX_BATCH));
        float[][] p = batch(env, s, Arrays.stream(batch).map(clips::get).toList());
        for (int i = 0; i < batch.length; i++) out[batch[i]] = p[i];
      });
      return out;
    });
  }

  /** Clips sorted longest first: at window step t the clips still running are a prefix of the batch. */
  private static float[][] batch(OrtEnvironment env, OrtSession session, List<float[]> clips) {
    int n = clips.size();
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) out[i] = new float[windows(clips.get(i).length)];
    float[] state = new float[2 * n * STATE];
    for (int t = 0, active = n; t < out[0].length; t++) {
      while (out[active - 1].length <= t) active--;
      float[] input = new float[active * (CONTEXT + WINDOW)];
      for (int i = 0; i < active; i++) {
        float[] x = clips.get(i);
        int from = t * WINDOW - CONTEXT, base = i * (CONTEXT + WINDOW);
        for (int k = Math.max(0, -from); k < CONTEXT + WINDOW && from + k < x.length; k++) input[base + k] = x[from + k];
      }
      float[] s = new float[2 * active * STATE]; // [2][active][128] taken from [2][n][128]
      System.arraycopy(state, 0, s, 0, active * STATE);
      System.arraycopy(state, n * STATE, s, active * STATE, active * STATE);
      try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {active, CONTEXT + WINDOW});
          OnnxTensor st = OnnxTensor.createTensor(env, FloatBuffer.wrap(s), new long[] {2, active, STATE});
          OnnxTensor sr = OnnxTensor.createTensor(env, new long[] {AudioDecoder.RATE});
          OrtSession.Result r = session.run(Map.of("input", in, "state", st, "sr", sr))) {
        FloatBuffer prob = ((OnnxTensor) r.get(0)).getFloatBuffer();
        for (int i = 0; i < active; i++) out[i][t] = prob.get(i);
        FloatBuffer next = ((OnnxTensor) r.get(1)).getFloatBuffer();
        next.get(0, state, 0, active * STATE);
        next.get(active * STATE, state, n * STATE, active * STATE);
      } catch (OrtException e) {
        throw new IllegalStateException("Silero VAD failed: " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override public void close() { session.close(); }
}
