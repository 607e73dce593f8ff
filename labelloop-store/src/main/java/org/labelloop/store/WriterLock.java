package org.labelloop.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises write transactions in this JVM where the database allows a single writer. Every writer waits at most
 * {@link #TIMEOUT} and then fails with {@link ErrorCode#BUSY} (HTTP 503 with Retry-After); work that takes long (an import) takes the slot once per short batch instead of once for
 * all, so a hold longer than {@link #SLOW_HOLD} is logged as a defect to find.
 */
abstract class WriterLock {
  private static final Logger LOG = LoggerFactory.getLogger(WriterLock.class);
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final Duration SLOW_HOLD = Duration.ofSeconds(2);

  abstract void lock();

  abstract void unlock();

  /** The longest time the slot was held so far (zero without a slot). */
  abstract Duration longestHold();

  /** Whether the calling thread holds the slot (never without a slot). */
  abstract boolean heldByCurrentThread();

  static WriterLock none() {
    return new WriterLock() {
      @Override
      void lock() {}

      @Override
      void unlock() {}

      @Override
      Duration longestHold() {
        return Duration.ZERO;
      }

      @Override
      boolean heldByCurrentThread() {
        return false;
      }
    };
  }

  /** Fair, so that under load (50 labelers) waiting writers are served in arrival order and tail latency stays low. */
  static WriterLock exclusive(Duration timeout) {
    ReentrantLock lock = new ReentrantLock(true);
    AtomicLong longest = new AtomicLong();
    return new WriterLock() {
      private long since;

      @Override
      void lock() {
        try {
          if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new LabelloopException(ErrorCode.BUSY,
                "the database is busy: no write slot within " + timeout.toMillis() + " ms; try again in a few seconds");
          }
          since = System.nanoTime();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting to write", e);
        }
      }

      @Override
      void unlock() {
        long held = System.nanoTime() - since;
        lock.unlock();
        longest.accumulateAndGet(held, Math::max);
        if (held > SLOW_HOLD.toNanos()) {
          LOG.warn("a write transaction held the write slot for {} ms on thread {}", held / 1_000_000, Thread.currentThread().getName());
        }
      }

      @Override
      Duration longestHold() {
        return Duration.ofNanos(longest.get());
      }

      @Override
      boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
      }
    };
  }
}
