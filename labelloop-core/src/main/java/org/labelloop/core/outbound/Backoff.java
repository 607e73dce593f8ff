package org.labelloop.core.outbound;

import java.time.Duration;

/** Exponential backoff for calls to other servers: {@code first}, doubling after each failure, at most {@code max}. */
public record Backoff(Duration first, Duration max) {
  /** The wait after the {@code failures}-th failure in a row (1 for the first). */
  public Duration after(int failures) {
    Duration wait = first.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 30));
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
