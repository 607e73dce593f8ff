package org.labelloop.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
}
