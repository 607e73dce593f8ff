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

  void setCanCreateProjects(String userId, boolean allowed);

  void setAdmin(String userId, boolean admin);

  /** Deactivates the user (null: reactivates). */
  void setDeactivatedAt(String userId, Instant deactivatedAt);

  /** The instance setting of who may create projects (kept beside the users it is about). */
  ProjectCreators projectCreators();

  void setProjectCreators(ProjectCreators creators);
}
