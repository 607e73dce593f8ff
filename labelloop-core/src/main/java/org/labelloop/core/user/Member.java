package org.labelloop.core.user;

import java.util.Objects;

/** A user's role in a project; {@code active} is false while an administrator has deactivated the user. */
public record Member(String projectId, String userId, String email, String name, Role role, boolean active) {
  public Member {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
  }
}
