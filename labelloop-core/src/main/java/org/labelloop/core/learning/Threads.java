package org.labelloop.core.learning;

/** How the background workers stop their daemon thread. */
public final class Threads {
  private Threads() {}

  /** Interrupts {@code thread} (if started) and waits up to ten seconds for it to end. */
  public static void stop(Thread thread) {
    if (thread == null) return;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
