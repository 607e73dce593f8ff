package org.labelloop.core.user;

import java.util.Objects;

/** A user's role in a project. */
public record Member(String projectId, String userId, String email, String name, Role role) {
  public Member {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
  }
}
