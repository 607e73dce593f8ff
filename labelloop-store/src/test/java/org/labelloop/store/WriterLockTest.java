package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;

class WriterLockTest {
  /** A writer that cannot get the slot in time gets a typed BUSY error (HTTP 503), not an internal error. */
  @Test
  void aWriterThatWaitsTooLongIsToldTheDatabaseIsBusy() throws Exception {
    WriterLock lock = WriterLock.exclusive(Duration.ofMillis(200));
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
      lock.lock();
      held.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    });
    held.await();
    LabelloopException busy = assertThrows(LabelloopException.class, lock::lock);
    assertEquals(ErrorCode.BUSY, busy.code());
    release.countDown();
    holder.join();
    lock.lock(); // free again
    lock.unlock();
  }
}
