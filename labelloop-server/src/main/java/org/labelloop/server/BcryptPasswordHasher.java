package org.labelloop.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import org.labelloop.core.PasswordHasher;

/** bcrypt (cost 10) via Patrick Favre's library; passwords longer than bcrypt's 72-byte limit are rejected by it. */
public final class BcryptPasswordHasher implements PasswordHasher {
  private static final int COST = 10;

  @Override
  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  @Override
  public boolean verify(String password, String hash) {
    if (password == null || hash == null || hash.isEmpty()) {
      return false;
    }
    try {
      return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    } catch (IllegalArgumentException malformedHash) {
      return false;
    }
  }
}
