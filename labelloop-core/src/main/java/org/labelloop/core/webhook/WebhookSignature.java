package org.labelloop.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery the way Stripe and Standard Webhooks do: HMAC-SHA256 with the webhook's secret over
 * {@code timestamp + "." + body}, sent as {@code X-Labelloop-Signature: t=<unix seconds>,v1=<hex>}. Signing the
 * timestamp with the body lets a receiver refuse replays of an old delivery (e.g. older than five minutes).
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Labelloop-Signature";

  private WebhookSignature() {}

  /** The header value for a body sent at {@code epochSeconds}. */
  public static String header(String secret, long epochSeconds, byte[] body) {
    return "t=" + epochSeconds + ",v1=" + hmac(secret, epochSeconds, body);
  }

  /** Whether a received header is a valid signature of {@code body} (for receivers written in Java, and tests). */
  public static boolean verify(String secret, String header, byte[] body) {
    long t = -1;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.strip().split("=", 2);
      if (kv.length == 2 && kv[0].equals("t")) t = Long.parseLong(kv[1]);
      if (kv.length == 2 && kv[0].equals("v1")) v1 = kv[1];
    }
    return t >= 0 && v1 != null && MessageDigest.isEqual(hmac(secret, t, body).getBytes(StandardCharsets.US_ASCII),
        v1.getBytes(StandardCharsets.US_ASCII));
  }

  private static String hmac(String secret, long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
