package org.labelloop.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.user.ProjectCreators;
import org.labelloop.core.user.User;

/** Stores users and their password hashes. Email is unique (case-insensitive, stored lower-case). */
public interface UserRepository {
  User create(String email, String name, String passwordHash, boolean admin, Instant now);

  Optional<User> find(String userId);

  Optional<User> findByEmail(String email);

  Optional<String> passwordHash(String userId);

  void setPasswordHash(String userId, String passwordHash);

  List<User> list();

  long count();

  /** Whether an administrator allowed this user to create projects. */
  boolean canCreateProjects(String userId);

  /** Allows or forbids the user to create projects; false when there is no such user. */
  boolean setCanCreateProjects(String userId, boolean allowed);

  /** The instance setting of who may create projects (kept beside the users it is about). */
  ProjectCreators projectCreators();

  void setProjectCreators(ProjectCreators creators);
}
