package org.labelloop.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final byte[] BODY = "{\"event\":\"LABEL_CREATED\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTimestampAndBodyWithHmacSha256() {
    // reference value: printf '1700000000.{"event":"LABEL_CREATED"}' | openssl dgst -sha256 -hmac s3cret
    String header = WebhookSignature.header("s3cret", 1_700_000_000L, BODY);
    assertEquals("t=1700000000,v1=12ab0aedca12baf6c230e9219ac37f1c5e82d809bc6e6feeda8828d6fc7cd060", header);
    assertTrue(WebhookSignature.verify("s3cret", header, BODY));
  }

  @Test
  void rejectsAnotherSecretBodyOrTimestamp() {
    String header = WebhookSignature.header("s3cret", 1_700_000_000L, BODY);
    assertFalse(WebhookSignature.verify("other", header, BODY));
    assertFalse(WebhookSignature.verify("s3cret", header, "{}".getBytes(StandardCharsets.UTF_8)));
    assertFalse(WebhookSignature.verify("s3cret", header.replace("t=1700000000", "t=1700000001"), BODY));
    assertFalse(WebhookSignature.verify("s3cret", "v1=abc", BODY));
  }
}
