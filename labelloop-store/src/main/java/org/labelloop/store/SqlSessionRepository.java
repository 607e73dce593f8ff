package org.labelloop.store;

import java.time.Instant;
import java.util.Optional;
import org.labelloop.core.port.SessionRepository;

final class SqlSessionRepository implements SessionRepository {
  private final Tx tx;

  SqlSessionRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public void create(Session session) {
    tx.write(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
                    VALUES (:hash, :userId, :csrf, :expires)""")
                .bind("hash", session.tokenHash())
                .bind("userId", Ids.parse(session.userId()))
                .bind("csrf", session.csrfToken())
                .bind("expires", session.expiresAt().toEpochMilli())
                .execute());
  }

  /** The stored session, expired or not: the caller compares {@code expiresAt} with its clock. */
  @Override
  public Optional<Session> find(String tokenHash) {
    return tx.read(
        h ->
            h.createQuery("SELECT token_hash, user_id, csrf_token, expires_at FROM sessions WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map(
                    (rs, ctx) ->
                        new Session(
                            rs.getString("token_hash"),
                            Long.toString(rs.getLong("user_id")),
                            rs.getString("csrf_token"),
                            Instant.ofEpochMilli(rs.getLong("expires_at"))))
                .findOne());
  }

  @Override
  public void delete(String tokenHash) {
    tx.write(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :hash").bind("hash", tokenHash).execute());
  }

  @Override
  public void deleteForUser(String userId) {
    tx.write(h -> h.createUpdate("DELETE FROM sessions WHERE user_id = :userId").bind("userId", Ids.parse(userId)).execute());
  }

  @Override
  public void deleteExpired(Instant now) {
    tx.write(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now").bind("now", now.toEpochMilli()).execute());
  }
}
