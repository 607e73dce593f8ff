package org.labelloop.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Serialises write transactions in this JVM where the database allows a single writer. */
abstract class WriterLock {
  private static final long TIMEOUT_SECONDS = 60;

  abstract void lock();

  abstract void unlock();

  static WriterLock none() {
    return new WriterLock() {
      @Override
      void lock() {}

      @Override
      void unlock() {}
    };
  }

  /** Fair, so that under load (50 labelers) waiting writers are served in arrival order and tail latency stays low. */
  static WriterLock exclusive() {
    ReentrantLock lock = new ReentrantLock(true);
    return new WriterLock() {
      @Override
      void lock() {
        try {
          if (!lock.tryLock(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Database busy: no write slot within " + TIMEOUT_SECONDS + " s");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting to write", e);
        }
      }

      @Override
      void unlock() {
        lock.unlock();
      }
    };
  }
}
