package org.labelloop.core.learning;

import java.time.Instant;
import java.util.Objects;

/**
 * A queued or finished training of one project's model; a row in the database, so it survives restarts and several
 * servers share the queue. {@code labelsAtTrigger} is the project's human label count when the job was (last) asked for.
 */
public record TrainingJob(
    String id,
    String projectId,
    Status status,
    String reason,
    long labelsAtTrigger,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String workerId,
    int attempts,
    String message,
    Integer modelVersion) {
  public TrainingJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(status, "status");
  }

  /** QUEUED → RUNNING → DONE (a model version), SKIPPED (nothing to learn yet) or FAILED. */
  public enum Status {
    QUEUED,
    RUNNING,
    DONE,
    SKIPPED,
    FAILED;

    public boolean pending() {
      return this == QUEUED || this == RUNNING;
    }
  }
}
