package org.labelloop.core.user;

/** The instance setting of who may create projects; server administrators always may. */
public enum ProjectCreators {
  /** The users an administrator allowed ({@code canCreateProjects}). */
  ALLOWED_USERS,
  /** Every signed-in user. */
  EVERYONE
}
