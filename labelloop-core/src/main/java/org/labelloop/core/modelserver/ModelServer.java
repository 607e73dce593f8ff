package org.labelloop.core.modelserver;

import java.time.Instant;

/**
 * A project's external model server, speaking Label Studio's ML-backend protocol, with what the last contact showed:
 * {@code status}, the server's {@code modelVersion}, the last error, and how many predictions it gave.
 */
public record ModelServer(String projectId, String url, boolean allowPrivate, Status status, String modelVersion, String lastError,
    Instant checkedAt, int predicted, Instant predictRequestedAt, Instant predictedAt, int failures, Instant nextAttemptAt) {

  public enum Status {
    /** Answered its last call. */
    READY,
    /** Predictions were asked for and not delivered yet. */
    PREDICTING,
    /** The last call failed (unreachable, timed out, or a bad answer); retried with backoff. */
    ERROR
  }
}
