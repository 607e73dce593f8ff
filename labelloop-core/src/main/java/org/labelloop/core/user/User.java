package org.labelloop.core.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A person or service account. {@code admin} means server administrator: every project, users and keys;
 * {@code canCreateProjects}, that an administrator allowed this user to create projects; a user who is not
 * {@code active} was deactivated by an administrator and cannot log in or use an API key.
 */
public record User(String id, String email, String name, boolean admin, boolean canCreateProjects, boolean active,
    Instant createdAt) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    name = name == null ? "" : name;
  }
}
