package org.labelloop.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BcryptPasswordHasherTest {
  private final BcryptPasswordHasher hasher = new BcryptPasswordHasher();

  @Test
  void verifiesTheRightPasswordOnlyAndSaltsEachHash() {
    String hash = hasher.hash("correct horse battery");
    assertTrue(hash.startsWith("$2a$10$"), hash);
    assertTrue(hasher.verify("correct horse battery", hash));
    assertFalse(hasher.verify("correct horse battery!", hash));
    assertNotEquals(hash, hasher.hash("correct horse battery"));
  }

  @Test
  void rejectsMissingHashesWithoutThrowing() {
    assertFalse(hasher.verify("x", null));
    assertFalse(hasher.verify("x", ""));
    assertFalse(hasher.verify(null, "$2a$10$abc"));
  }
}
