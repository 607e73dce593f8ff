package org.labelloop.app.learn;

/** A problem with the user's input: printed as one line, exit code 2, no stack trace. */
public final class UserError extends RuntimeException {
  public UserError(String message) { super(message); }
}
