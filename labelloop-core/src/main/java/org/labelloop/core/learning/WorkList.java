package org.labelloop.core.learning;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of a background worker whose work list is the database: one daemon thread reads the next batch after the
 * last item seen ({@link Source}), hands it to the worker, and sleeps a poll when nothing is waiting. A periodic rescan
 * from the start catches ids committed out of order and items that failed (they are not retried in a tight loop). An
 * exception backs off a few seconds instead of ending the thread. {@link #stop()} interrupts the thread and waits for
 * the batch in flight, so the worker frees its model afterwards, never under a running batch.
 */
final class WorkList<T> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkList.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration BACKOFF = Duration.ofSeconds(5);

  /** Up to {@code limit} items with an id above {@code afterId} (null: from the start), in id order. */
  @FunctionalInterface
  interface Source<T> {
    List<T> after(String afterId, int limit);
  }

  private final String name;
  private final Duration rescan;
  private final int batch;
  private final Source<T> source;
  private final Function<T, String> id;
  private final Consumer<List<T>> work;
  private String after;
  private long lastRescan;
  private volatile Thread thread;
  private volatile boolean stopping;

  /** {@code name} names the thread ({@code labelloop-NAME}) and the log lines. */
  WorkList(String name, Duration rescan, int batch, Source<T> source, Function<T, String> id, Consumer<List<T>> work) {
    this.name = name;
    this.rescan = rescan;
    this.batch = batch;
    this.source = source;
    this.id = id;
    this.work = work;
  }

  synchronized void start() {
    if (thread == null) thread = Thread.ofPlatform().daemon().name("labelloop-" + name).start(this::loop);
  }

  private void loop() {
    while (!stopping) {
      try {
        if (!runOnce()) Thread.sleep(POLL);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopping) return;
        LOG.warn("{} worker: {}", name, e.toString());
        try {
          Thread.sleep(BACKOFF);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Works off one batch; false when none was waiting. */
  boolean runOnce() {
    long now = System.nanoTime();
    if (now - lastRescan > rescan.toNanos()) {
      after = null;
      lastRescan = now;
    }
    List<T> items = source.after(after, batch);
    if (items.isEmpty()) return false;
    after = id.apply(items.getLast()); // a batch that fails is retried at the next rescan, not in a tight loop
    work.accept(items);
    return true;
  }

  /** Ends the thread after the batch in flight (waiting up to ten seconds). */
  void stop() {
    stopping = true;
    Threads.stop(thread);
  }
}
