package org.labelloop.core.port;

import java.time.Instant;
import java.util.Optional;

/** Stores browser sessions by a hash of the session token, so several server instances share them. */
public interface SessionRepository {
  record Session(String tokenHash, String userId, String csrfToken, Instant expiresAt) {}

  void create(Session session);

  Optional<Session> find(String tokenHash);

  void delete(String tokenHash);

  void deleteExpired(Instant now);

  /** Ends every session of a user (deactivated, or given a new password by an administrator). */
  void deleteForUser(String userId);
}
