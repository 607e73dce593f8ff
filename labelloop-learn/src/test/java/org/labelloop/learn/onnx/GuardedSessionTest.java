package org.labelloop.learn.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class GuardedSessionTest {
  private static byte[] identity() {
    OnnxGraph g = new OnnxGraph("id");
    g.input("x", OnnxGraph.FLOAT, 1, 2);
    g.namedNode("Identity", List.of("x"), "y");
    g.output("y", OnnxGraph.FLOAT);
    return g.toBytes("test", Map.of());
  }

  @Test void closeWaitsForTheRunInFlightAndLaterRunsFailCleanly() throws Exception {
    GuardedSession s = new GuardedSession(identity(), 1);
    CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
    float[][] seen = new float[1][];
    Thread run = Thread.ofPlatform().start(() -> s.run("x", new float[] {1, 2}, new long[] {1, 2}, r -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return seen[0] = GuardedSession.floats(r, "y"); // reads native memory after close() was called
    }));
    running.await();
    Thread closer = Thread.ofPlatform().start(s::close);
    closer.join(300);
    assertTrue(closer.isAlive(), "close() must wait while a run holds the session");
    release.countDown();
    run.join();
    closer.join();
    assertEquals(2f, seen[0][1]);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.run("x", new float[2], new long[] {1, 2}, r -> null));
    assertTrue(e.getMessage().contains("closed"));
    s.close(); // twice is harmless
    assertFalse(run.isAlive());
  }

  @Test void refusesBytesThatAreNotAModel() {
    assertThrows(IllegalArgumentException.class, () -> new GuardedSession(new byte[] {1, 2, 3}, 1));
  }
}
