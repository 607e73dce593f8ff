package org.labelloop.app;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.labelloop.learn.onnx.GuardedSession;
import sun.misc.Signal;

/**
 * Ctrl+C, SIGTERM and SIGHUP stop the command in order, then exit with the usual 128 + signal status. The JVM's own
 * handling starts every shutdown hook at once beside the threads still running, and ONNX Runtime's hook frees its
 * native environment under a model being loaded or run: the process then dies of SIGSEGV instead of stopping. Here the
 * command's {@link #onStop stop} runs first (the server finishes its requests and workers), every ONNX call still in
 * flight ends, and only then does the JVM shut down. A second signal while stopping exits at once.
 */
final class OrderlyExit {
  private static final AtomicBoolean STOPPING = new AtomicBoolean();
  private static volatile Runnable stop = () -> {};

  private OrderlyExit() {}

  /** Takes over the signals that end a command; without effect where the JVM keeps them for itself ({@code -Xrs}). */
  static void install() {
    for (String name : List.of("INT", "TERM", "HUP")) {
      try {
        Signal.handle(new Signal(name), OrderlyExit::exit);
      } catch (IllegalArgumentException e) {
        // the JVM or the OS reserves this signal here: its default handling stays
      }
    }
  }

  /** What the running command does before the JVM exits on a signal (the server: finish requests, stop workers). */
  static void onStop(Runnable action) {
    stop = action;
  }

  private static void exit(Signal signal) {
    int status = 128 + signal.getNumber();
    if (!STOPPING.compareAndSet(false, true)) Runtime.getRuntime().halt(status);
    try {
      stop.run();
    } finally {
      GuardedSession.holdAll();
      System.exit(status);
    }
  }
}
