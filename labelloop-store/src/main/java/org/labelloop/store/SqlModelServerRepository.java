package org.labelloop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.labelloop.core.modelserver.ModelServer;
import org.labelloop.core.modelserver.ModelServerRepository;

/** Each project's model server and its work state (V12 {@code ml_backends}). */
final class SqlModelServerRepository implements ModelServerRepository {
  private static final String COLUMNS = "project_id, url, allow_private, status, model_version, last_error, checked_at, predicted,"
      + " predict_requested_at, predicted_at, failures, next_attempt_at";

  private final Tx tx;

  SqlModelServerRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public void save(String projectId, String url, boolean allowPrivate, Instant now) {
    tx.write(h -> h.createUpdate(
            """
            INSERT INTO ml_backends (project_id, url, allow_private, status, created_at) VALUES (:p, :url, :private, 'READY', :now)
            ON CONFLICT (project_id) DO UPDATE SET url = excluded.url, allow_private = excluded.allow_private, status = 'READY',
              model_version = NULL, last_error = NULL, failures = 0, next_attempt_at = 0, claimed_by = NULL, claimed_until = NULL""")
        .bind("p", Ids.parse(projectId)).bind("url", url).bind("private", allowPrivate).bind("now", now.toEpochMilli()).execute());
  }

  @Override
  public Optional<ModelServer> find(String projectId) {
    return tx.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM ml_backends WHERE project_id = :p")
        .bind("p", Ids.parse(projectId)).map((rs, ctx) -> server(rs)).findOne());
  }

  @Override
  public boolean delete(String projectId) {
    return tx.write(h -> h.createUpdate("DELETE FROM ml_backends WHERE project_id = :p").bind("p", Ids.parse(projectId)).execute()) > 0;
  }

  @Override
  public void checked(String projectId, ModelServer.Status status, String modelVersion, String error, Instant now) {
    tx.write(h -> h.createUpdate("UPDATE ml_backends SET status = :s, model_version = COALESCE(:v, model_version), last_error = :e,"
            + " checked_at = :now WHERE project_id = :p")
        .bind("s", status.name()).bind("v", modelVersion).bind("e", error).bind("now", now.toEpochMilli()).bind("p", Ids.parse(projectId))
        .execute());
  }

  @Override
  public void requestPredictions(String projectId, Instant now) {
    tx.write(h -> h.createUpdate("UPDATE ml_backends SET predict_requested_at = :now, next_attempt_at = 0,"
            + " status = CASE WHEN status = 'READY' THEN 'PREDICTING' ELSE status END WHERE project_id = :p")
        .bind("now", now.toEpochMilli()).bind("p", Ids.parse(projectId)).execute());
  }

  /**
   * A read finds a candidate (so an idle poll never takes SQLite's write lock), then a single-row conditional update
   * claims it: whichever server's UPDATE matches first owns the row until {@code until}.
   */
  @Override
  public Optional<ModelServer> claimDue(String workerId, Instant now, Instant until) {
    String due = " predict_requested_at IS NOT NULL AND (predicted_at IS NULL OR predicted_at < predict_requested_at)"
        + " AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)";
    Optional<Long> candidate = tx.read(h -> h.createQuery("SELECT project_id FROM ml_backends WHERE" + due + " ORDER BY next_attempt_at LIMIT 1")
        .bind("now", now.toEpochMilli()).mapTo(Long.class).findOne());
    if (candidate.isEmpty()) return Optional.empty();
    int taken = tx.write(h -> h.createUpdate("UPDATE ml_backends SET claimed_by = :w, claimed_until = :until WHERE project_id = :p AND" + due)
        .bind("w", workerId).bind("until", until.toEpochMilli()).bind("now", now.toEpochMilli()).bind("p", candidate.get()).execute());
    return taken == 0 ? Optional.empty() : find(Long.toString(candidate.get()));
  }

  @Override
  public void predicted(String projectId, int count, String modelVersion, Instant requestedBefore, Instant now) {
    tx.write(h -> h.createUpdate("UPDATE ml_backends SET status = 'READY', predicted = :n, model_version = :v, predicted_at = :req,"
            + " last_error = NULL, failures = 0, checked_at = :now, claimed_by = NULL, claimed_until = NULL WHERE project_id = :p")
        .bind("n", count).bind("v", modelVersion).bind("req", requestedBefore.toEpochMilli()).bind("now", now.toEpochMilli())
        .bind("p", Ids.parse(projectId)).execute());
  }

  @Override
  public void failed(String projectId, String error, Instant retryAt, Instant now) {
    tx.write(h -> h.createUpdate("UPDATE ml_backends SET status = 'ERROR', last_error = :e, failures = failures + 1,"
            + " next_attempt_at = :retry, checked_at = :now, claimed_by = NULL, claimed_until = NULL WHERE project_id = :p")
        .bind("e", error == null ? "failed" : error.length() > 500 ? error.substring(0, 500) : error)
        .bind("retry", retryAt.toEpochMilli()).bind("now", now.toEpochMilli()).bind("p", Ids.parse(projectId)).execute());
  }

  private static ModelServer server(ResultSet rs) throws SQLException {
    return new ModelServer(rs.getString("project_id"), rs.getString("url"), rs.getBoolean("allow_private"),
        ModelServer.Status.valueOf(rs.getString("status")), rs.getString("model_version"), rs.getString("last_error"),
        instant(rs, "checked_at"), rs.getInt("predicted"), instant(rs, "predict_requested_at"), instant(rs, "predicted_at"),
        rs.getInt("failures"), Instant.ofEpochMilli(rs.getLong("next_attempt_at")));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
