package org.labelloop.core.user;

import java.time.Instant;
import java.util.Objects;

/** A person or service account. {@code admin} means server administrator: every project, users and keys. */
public record User(String id, String email, String name, boolean admin, Instant createdAt) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    name = name == null ? "" : name;
  }
}
