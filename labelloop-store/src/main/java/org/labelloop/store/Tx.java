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
 */
final class Tx implements Transactor {
  private final Jdbi jdbi;
  private final WriterLock writerLock;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();
  private final PlainStatements plain = new PlainStatements();

  Tx(Jdbi jdbi, WriterLock writerLock) {
    this.jdbi = jdbi;
    this.writerLock = writerLock;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get(); // nested: join the outer transaction
    }
    writerLock.lock();
    try (Handle handle = jdbi.open()) {
      current.set(handle);
      try {
        return handle.inTransaction(h -> work.get());
      } finally {
        current.remove();
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
