package org.labelloop.core.user;

import java.time.Instant;
import java.util.Objects;

/** An API key's record: only a hash of the key is ever stored; {@code prefix} lets a user recognise it. */
public record ApiKey(String id, String userId, String name, String prefix, Instant createdAt, Instant revokedAt) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
