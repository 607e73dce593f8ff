package org.labelloop.core.port;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every repository call made on this thread inside {@code work} joins it. If
 * {@code work} throws, nothing it wrote is kept. Nested calls join the outer transaction.
 */
public interface Transactor {
  <T> T inTransaction(Supplier<T> work);

  default void inTransaction(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
