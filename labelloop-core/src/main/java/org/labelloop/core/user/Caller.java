package org.labelloop.core.user;

import java.util.Objects;

/** The authenticated user on whose behalf a use case runs. */
public record Caller(User user) {
  public Caller {
    Objects.requireNonNull(user, "user");
  }

  public boolean admin() {
    return user.admin();
  }

  public String userId() {
    return user.id();
  }
}
