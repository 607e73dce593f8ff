package org.labelloop.app;

import java.io.InputStream;
import org.labelloop.learn.onnx.GuardedSession;

/**
 * A child JVM for {@link ShutdownIT}: takes over the signals as {@link Main} does, then loads, runs and frees an ONNX
 * model in a loop on a daemon thread until a signal ends the process. Prints {@code busy} once the first load is done.
 */
public final class OnnxLoadLoop {
  private OnnxLoadLoop() {}

  public static void main(String[] args) throws Exception {
    OrderlyExit.install();
    byte[] model;
    try (InputStream in = GuardedSession.class.getResourceAsStream("/org/labelloop/learn/audio/silero_vad.onnx")) {
      model = in.readAllBytes();
    }
    Thread.ofPlatform().daemon().start(() -> {
      for (int i = 0; ; i++) {
        try (GuardedSession session = new GuardedSession(model, 1)) {
          if (i == 0) System.out.println("busy " + session.inputNames());
        }
      }
    });
    Thread.currentThread().join();
  }
}
