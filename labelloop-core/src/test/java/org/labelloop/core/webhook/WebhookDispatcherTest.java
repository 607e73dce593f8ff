package org.labelloop.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void backoffDoublesFromFiveSecondsUpToAnHour() {
    assertEquals(Duration.ofSeconds(5), Duration.between(NOW, WebhookDispatcher.retryAt(1, NOW)));
    assertEquals(Duration.ofSeconds(10), Duration.between(NOW, WebhookDispatcher.retryAt(2, NOW)));
    assertEquals(Duration.ofSeconds(40), Duration.between(NOW, WebhookDispatcher.retryAt(4, NOW)));
    assertEquals(Duration.ofHours(1), Duration.between(NOW, WebhookDispatcher.retryAt(12, NOW)));
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    assertNull(WebhookDispatcher.retryAt(WebhookDispatcher.MAX_ATTEMPTS, NOW));
  }
}
