package org.labelloop.core.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2 example

  @Test
  void hashesAreSha256AndTheReusedDigestStartsAfreshEachCall() {
    assertEquals(ABC, Secrets.sha256Hex("abc"));
    Secrets.sha256Hex("something else in between");
    assertEquals(ABC, Secrets.sha256Hex("abc"));
  }
}
