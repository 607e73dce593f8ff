package org.labelloop.core.error;

/** The kinds of error a caller can get; the server maps each to one HTTP status. */
public enum ErrorCode {
  INVALID_INPUT,
  UNAUTHENTICATED,
  FORBIDDEN,
  NOT_FOUND,
  CONFLICT,
  TOO_MANY_REQUESTS,
  /** The database could not take the write in time (its single write slot stayed taken); the same call may succeed later. */
  BUSY
}
