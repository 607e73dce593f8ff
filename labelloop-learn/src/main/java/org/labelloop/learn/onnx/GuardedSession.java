package org.labelloop.learn.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * An ONNX Runtime session that cannot be closed under a running inference: freeing the native session while a batch
 * runs on it crashes the JVM. Runs share a read lock; {@link #close()} takes the write lock, so it waits for the
 * batches in flight, and later runs fail with an {@link IllegalStateException} instead of touching freed memory.
 *
 * <p>The same holds for ONNX Runtime as a whole: its Java binding frees the native environment in a JVM shutdown hook,
 * which runs beside every other hook and daemon thread, so a load or run still in flight then crashes the process.
 * Every load, run and close therefore also holds {@link #RUNTIME} in read mode, and {@link #holdAll()} lets a clean
 * exit wait for them before the JVM shuts down.
 */
public final class GuardedSession implements AutoCloseable {
  private static final ReentrantReadWriteLock RUNTIME = new ReentrantReadWriteLock();
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  /** Loads a model; {@code threads} is ONNX Runtime's intra-op parallelism for one run. */
  public GuardedSession(byte[] model, int threads) {
    RUNTIME.readLock().lock();
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(threads);
      opts.setInterOpNumThreads(1);
      opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = env.createSession(model, opts);
    } catch (OrtException e) {
      throw new IllegalArgumentException("not a model ONNX Runtime can load: " + e.getMessage(), e);
    } finally {
      RUNTIME.readLock().unlock();
    }
  }

  /**
   * Waits for every load, run and close in flight in this JVM and holds back every later one for good, so that the
   * JVM can shut down (and ONNX Runtime free its environment) with nothing running inside it.
   */
  public static void holdAll() {
    RUNTIME.writeLock().lock();
  }

  public Set<String> inputNames() { return session.getInputNames(); }

  /** The declared shape of the first input; -1 where a dimension is dynamic. */
  public long[] inputShape() {
    try {
      return ((ai.onnxruntime.TensorInfo) session.getInputInfo().values().iterator().next().getInfo()).getShape();
    } catch (OrtException | ClassCastException e) {
      throw new IllegalArgumentException("the model's first input is not a tensor", e);
    }
  }

  public Set<String> outputNames() { return session.getOutputNames(); }

  /** Runs the model on one float input and hands the result to {@code read} while the session is still open. */
  public <T> T run(String input, float[] data, long[] shape, Function<OrtSession.Result, T> read) {
    return run(input, data, shape, session.getOutputNames(), read);
  }

  /** As {@link #run(String, float[], long[], Function)}, computing only the named outputs. */
  public <T> T run(String input, float[] data, long[] shape, Set<String> outputs, Function<OrtSession.Result, T> read) {
    return use((e, s) -> {
      try (OnnxTensor x = OnnxTensor.createTensor(e, FloatBuffer.wrap(data), shape);
          OrtSession.Result r = s.run(Map.of(input, x), outputs)) {
        return read.apply(r);
      }
    });
  }

  /** Work on the open session (several runs, other input types); {@link #close()} waits for it to return. */
  public <T> T use(Body<T> body) {
    RUNTIME.readLock().lock();
    lock.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("the model was closed");
      return body.apply(env, session);
    } catch (OrtException e) {
      throw new IllegalStateException("inference failed: " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
      RUNTIME.readLock().unlock();
    }
  }

  /** What {@link #use} runs. */
  @FunctionalInterface
  public interface Body<T> {
    T apply(OrtEnvironment env, OrtSession session) throws OrtException;
  }

  /** Waits for the runs in flight, then frees the native session. */
  @Override public void close() {
    RUNTIME.readLock().lock();
    lock.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    } finally {
      lock.writeLock().unlock();
      RUNTIME.readLock().unlock();
    }
  }

  /** Copies one float output of a result. */
  public static float[] floats(OrtSession.Result r, String name) {
    OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow(() -> new IllegalStateException("the model has no output " + name));
    FloatBuffer b = t.getFloatBuffer();
    float[] v = new float[b.remaining()];
    b.get(v);
    return v;
  }

  /** The shape of one output of a result. */
  public static long[] shape(OrtSession.Result r, String name) {
    try {
      return ((OnnxTensor) r.get(name).orElseThrow()).getInfo().getShape();
    } catch (RuntimeException e) {
      throw new IllegalStateException("the model has no output " + name, e);
    }
  }
}
