package org.labelloop.core.error;

/** The kinds of error a user can cause; the server maps each to one HTTP status. */
public enum ErrorCode {
  INVALID_INPUT,
  UNAUTHENTICATED,
  FORBIDDEN,
  NOT_FOUND,
  CONFLICT,
  TOO_MANY_REQUESTS
}
