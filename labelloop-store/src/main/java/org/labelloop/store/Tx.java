package org.labelloop.store;

import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.labelloop.core.port.Transactor;

/**
 * The transactor: binds one Jdbi handle to the current thread for the length of a transaction, so every repository
 * call made on this thread inside {@link #inTransaction} joins it. Outside a transaction, reads use a short handle of
 * their own and each write runs in a transaction of its own.
 *
 * <p>Where the database has a single writer, the writer's handle stays open from one transaction to the next: opening
 * a Jdbi handle copies its whole configuration, which cost more CPU than the labeling round trip's SQL (BENCHMARKS.md
 * "Labels per core"). A transaction that fails closes it, so the next one starts on a fresh handle.
 */
final class Tx implements Transactor {
  private final Jdbi jdbi;
  private final WriterLock writerLock;
  private final boolean keepWriterHandle;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();
  private final PlainStatements plain = new PlainStatements();
  private Handle writerHandle; // guarded by writerLock

  Tx(Jdbi jdbi, WriterLock writerLock, boolean keepWriterHandle) {
    this.jdbi = jdbi;
    this.writerLock = writerLock;
    this.keepWriterHandle = keepWriterHandle;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get(); // nested: join the outer transaction
    }
    writerLock.lock();
    try {
      Handle handle = writerHandle != null ? writerHandle : jdbi.open();
      writerHandle = null; // given back only by a transaction that succeeds
      current.set(handle);
      try {
        T result = handle.inTransaction(h -> work.get());
        if (keepWriterHandle) {
          writerHandle = handle;
        }
        return result;
      } finally {
        current.remove();
        if (writerHandle != handle) {
          handle.close();
        }
      }
    } finally {
      writerLock.unlock();
    }
  }

  /**
   * Closes the writer's handle kept between transactions; the next write opens a fresh one, with the Jdbi configuration
   * of then (a handle copies it when it opens).
   */
  void closeWriterHandle() {
    writerLock.lock();
    try {
      if (writerHandle != null) {
        writerHandle.close();
        writerHandle = null;
      }
    } finally {
      writerLock.unlock();
    }
  }

  Jdbi jdbi() {
    return jdbi;
  }

  /** Plain JDBC for the labeling round trip's statements, run on this transactor's handles. */
  PlainStatements plain() {
    return plain;
  }

  /** The longest a write transaction has held the write slot since start (zero where there is none). */
  java.time.Duration longestWriteSlotHold() {
    return writerLock.longestHold();
  }

  /** Runs a read on the current transaction's handle, or on a short handle of its own. */
  <R> R read(Function<Handle, R> query) {
    Handle handle = current.get();
    if (handle != null) {
      return query.apply(handle);
    }
    try (Handle own = jdbi.open()) {
      return query.apply(own);
    }
  }

  /** Runs a write in the current transaction, or in a transaction of its own. */
  <R> R write(Function<Handle, R> update) {
    Handle handle = current.get();
    if (handle != null) {
      return update.apply(handle);
    }
    return inTransaction(() -> update.apply(current.get()));
  }
}
