package org.labelloop.core.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.labelloop.core.error.LabelloopException;

/**
 * Which URLs Labelloop may call on a user's word (webhooks, model servers). A server that POSTs wherever a user says can be turned against its own network
 * (server-side request forgery), so hosts that resolve to loopback, private (RFC 1918, fc00::/7), link-local (cloud
 * metadata at 169.254.169.254), carrier-grade NAT, multicast or unspecified addresses are refused unless an
 * administrator allowed private targets. The check runs when a webhook is created and again before every attempt, as
 * DNS may have changed in between; redirects are never followed.
 */
public final class Targets {
  private Targets() {}

  /** The URL as a URI, or an INVALID_INPUT error saying why it cannot be a target. */
  public static URI parse(String url) {
    if (url == null || url.isBlank()) {
      throw LabelloopException.invalid("url: required, an http:// or https:// URL");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw LabelloopException.invalid("url: '" + url + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw LabelloopException.invalid("url: '" + url + "' must be an http:// or https:// URL with a host");
    }
    if (uri.getUserInfo() != null) {
      throw LabelloopException.invalid("url: credentials in the URL are not allowed; use the secret to authenticate");
    }
    return uri;
  }

  /** Refuses a host that is or resolves to a private address, unless {@code allowPrivate}. */
  public static void requirePublic(URI uri, boolean allowPrivate) {
    if (allowPrivate) return;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw LabelloopException.invalid("url: host '" + uri.getHost() + "' does not resolve");
    }
    for (InetAddress a : addresses) {
      if (isPrivate(a)) {
        throw LabelloopException.invalid("url: " + uri.getHost() + " is a private or loopback address (" + a.getHostAddress()
            + "); a server administrator can allow it with \"allowPrivate\": true");
      }
    }
  }

  static boolean isPrivate(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) return true; // unique local fc00::/7
      if (isMappedV4(b)) return isPrivateV4(b[12], b[13]);
      return false;
    }
    return isPrivateV4(b[0], b[1]);
  }

  private static boolean isPrivateV4(byte first, byte second) {
    int a = first & 0xff, b = second & 0xff;
    return a == 0 || a == 10 || a == 127 || (a == 100 && b >= 64 && b < 128) || (a == 169 && b == 254)
        || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168) || a >= 224;
  }

  private static boolean isMappedV4(byte[] b) {
    for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
