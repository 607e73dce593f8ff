package org.labelloop.core;

/** Hashes passwords with a slow, salted algorithm (the server uses bcrypt). */
public interface PasswordHasher {
  String hash(String password);

  boolean verify(String password, String hash);
}
