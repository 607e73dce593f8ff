package org.labelloop.core.modelserver;

import java.time.Instant;
import java.util.Optional;

/** The model server of each project (at most one) and its work state. */
public interface ModelServerRepository {
  /** Creates or replaces the project's model server, READY and with nothing requested. */
  void save(String projectId, String url, boolean allowPrivate, Instant now);

  Optional<ModelServer> find(String projectId);

  boolean delete(String projectId);

  /** Records a health/setup check. */
  void checked(String projectId, ModelServer.Status status, String modelVersion, String error, Instant now);

  /** Asks for predictions of every unlabeled asset; a no-op for a project without a model server. */
  void requestPredictions(String projectId, Instant now);

  /**
   * Takes one project whose predictions are due (requested after the last delivery, not waiting for a retry, not
   * claimed by another live worker) until {@code until}; the conditional update makes the claim safe across servers.
   */
  Optional<ModelServer> claimDue(String workerId, Instant now, Instant until);

  /** Predictions delivered: READY, failures reset, the claim released. */
  void predicted(String projectId, int count, String modelVersion, Instant requestedBefore, Instant now);

  /** A failed attempt: ERROR with the message, retried at {@code retryAt}, the claim released. */
  void failed(String projectId, String error, Instant retryAt, Instant now);
}
