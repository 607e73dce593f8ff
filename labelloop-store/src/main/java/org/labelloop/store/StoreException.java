package org.labelloop.store;

import java.sql.SQLException;

/** A database failure that is not the caller's fault (the server answers 500 and logs it). */
final class StoreException extends RuntimeException {
  StoreException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
