package org.labelloop.app.cli;

/** A failure to report on stderr as one line, with exit code 1; never a stack trace. */
final class CliException extends RuntimeException {
  CliException(String message) {
    super(message);
  }
}
