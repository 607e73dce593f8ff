package org.labelloop.core.learning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.labelloop.core.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of a background worker whose work list is the database: one daemon thread reads the next batch after the
 * last item seen ({@link Source}), claims the items the worker wants ({@link EmbeddingRepository#claim}, for
 * {@link #LEASE}), hands those it got to the worker, and sleeps a poll when nothing is waiting. The claim makes several
 * servers on one database do each item once: the items another server holds are skipped, and taken up by whoever
 * reads them after that server's claims lapse. A periodic rescan from the start catches ids committed out of order,
 * items claimed elsewhere and items that failed (they are not retried in a tight loop). An exception backs off a few
 * seconds instead of ending the thread. {@link #stop()} interrupts the thread and waits for the batch in flight, so
 * the worker frees its model afterwards, never under a running batch.
 */
final class WorkList<T> {
  /** Far longer than a batch takes even on a busy machine; a dead server's claims lapse after it. */
  static final Duration LEASE = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(WorkList.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration BACKOFF = Duration.ofSeconds(5);

  /** Up to {@code limit} items with an id above {@code afterId} (null: from the start), in id order. */
  @FunctionalInterface
  interface Source<T> {
    List<T> after(String afterId, int limit);
  }

  /** What a worker does with a batch. */
  @FunctionalInterface
  interface Work<T> {
    /** The items of the batch this worker takes (all by default); only those are claimed. */
    default List<T> wanted(List<T> batch) {
      return batch;
    }

    /** Works off the items this worker claimed. */
    void run(List<T> claimed);
  }

  /**
   * Where the claims go: {@code work} names the kind of work and its version ({@code "detection:" + version}), so the
   * claims of one kind never block another.
   */
  record Claims(Ports ports, Clock clock, String work) {}

  private final String name;
  private final Claims claims;
  private final Duration rescan;
  private final int batch;
  private final Source<T> source;
  private final Function<T, String> id;
  private final Work<T> work;
  private final String workerId = TrainingWorker.newId();
  private String after;
  private long lastRescan;
  private volatile Thread thread;
  private volatile boolean stopping;

  /** {@code name} names the thread ({@code labelloop-NAME}) and the log lines. */
  WorkList(String name, Claims claims, Duration rescan, int batch, Source<T> source, Function<T, String> id, Work<T> work) {
    this.name = name;
    this.claims = claims;
    this.rescan = rescan;
    this.batch = batch;
    this.source = source;
    this.id = id;
    this.work = work;
  }

  /** The items by project ({@code project} of each), projects in order of their first item. */
  static <T> Map<String, List<T>> byProject(List<T> items, Function<T, String> project) {
    Map<String, List<T>> out = new LinkedHashMap<>();
    for (T item : items) out.computeIfAbsent(project.apply(item), k -> new ArrayList<>()).add(item);
    return out;
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

  /** Works off one batch (the part of it this worker claims); false when none was waiting. */
  boolean runOnce() {
    long now = System.nanoTime();
    if (now - lastRescan > rescan.toNanos()) {
      after = null;
      lastRescan = now;
    }
    List<T> items = source.after(after, batch);
    if (items.isEmpty()) return false;
    after = id.apply(items.getLast()); // a batch that fails is retried at the next rescan, not in a tight loop
    List<T> mine = claim(work.wanted(items));
    if (!mine.isEmpty()) work.run(mine);
    return true;
  }

  private List<T> claim(List<T> items) {
    if (items.isEmpty()) return items;
    Instant at = claims.clock().instant();
    Ports ports = claims.ports();
    Set<String> got = new HashSet<>(ports.tx().inTransaction(() ->
        ports.embeddings().claim(claims.work(), items.stream().map(id).toList(), workerId, at, at.plus(LEASE))));
    return items.stream().filter(item -> got.contains(id.apply(item))).toList();
  }

  /** Ends the thread after the batch in flight (waiting up to ten seconds). */
  void stop() {
    stopping = true;
    Threads.stop(thread);
  }
}
