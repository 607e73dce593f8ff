package org.labelloop.core.user;

/** A member's role in one project; each role can do what the roles below it can. */
public enum Role {
  LABELER,
  REVIEWER,
  ADMIN;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }
}
