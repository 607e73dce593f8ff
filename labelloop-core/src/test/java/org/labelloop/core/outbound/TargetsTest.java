package org.labelloop.core.outbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;

class TargetsTest {
  @Test
  void privateLoopbackLinkLocalAndSharedAddressesArePrivate() throws UnknownHostException {
    for (String ip : new String[] {"127.0.0.1", "127.8.9.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "::"}) {
      assertTrue(Targets.isPrivate(InetAddress.getByName(ip)), ip);
    }
  }

  @Test
  void publicAddressesAreNot() throws UnknownHostException {
    for (String ip : new String[] {"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"}) {
      assertFalse(Targets.isPrivate(InetAddress.getByName(ip)), ip);
    }
  }

  @Test
  void refusesLoopbackUnlessAllowed() {
    URI loopback = Targets.parse("http://127.0.0.1:9/hook");
    LabelloopException e = assertThrows(LabelloopException.class, () -> Targets.requirePublic(loopback, false));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().contains("allowPrivate"), e.getMessage());
    assertDoesNotThrow(() -> Targets.requirePublic(loopback, true));
  }

  @Test
  void acceptsOnlyHttpUrlsWithAHostAndNoCredentials() {
    for (String bad : new String[] {"", "ftp://example.org/x", "file:///etc/passwd", "http:///nohost", "not a url",
        "https://user:pw@example.org/"}) {
      assertThrows(LabelloopException.class, () -> Targets.parse(bad), bad);
    }
    assertEquals("example.org", Targets.parse("https://example.org/hooks?x=1").getHost());
  }
}
