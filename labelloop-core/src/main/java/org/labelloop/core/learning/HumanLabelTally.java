package org.labelloop.core.learning;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.labelloop.core.ExpiringCache;

/**
 * How many human labels each project has, as the retrain trigger sees it without counting them on every label (a
 * COUNT that grows with the project): an exact count read at most {@link ExpiringCache#TIME_TO_LIVE} ago plus the
 * human labels this server stored since. Labels other servers stored since are missing (a retrain queues up to one
 * time to live later there); a label rolled back or deleted is still in it, so the trigger decides on an exact count
 * once the estimate reaches the threshold.
 */
final class HumanLabelTally {
  private record Count(long counted, Instant read, AtomicLong added) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, Count> byProject = new ConcurrentHashMap<>();

  HumanLabelTally(Clock clock) {
    this.clock = clock;
  }

  /**
   * The project's human labels after this transaction stored {@code stored} of them: {@code count} (which sees them)
   * when the last exact count is older than the time to live, else that count plus what this server stored since.
   */
  long estimate(String projectId, int stored, LongSupplier count) {
    Count last = byProject.get(projectId);
    if (last == null || !clock.instant().isBefore(last.read().plus(ExpiringCache.TIME_TO_LIVE))) {
      return exact(projectId, count);
    }
    return last.counted() + last.added().addAndGet(stored);
  }

  /** Counts now and starts the estimate again from that count. */
  long exact(String projectId, LongSupplier count) {
    long counted = count.getAsLong();
    byProject.put(projectId, new Count(counted, clock.instant(), new AtomicLong()));
    return counted;
  }
}
