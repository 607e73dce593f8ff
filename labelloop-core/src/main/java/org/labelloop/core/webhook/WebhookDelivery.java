package org.labelloop.core.webhook;

import java.time.Instant;

/**
 * One event on its way to one webhook, as the delivery log shows it: {@code eventId} is the idempotency id a
 * receiver sees in every attempt; {@code responseStatus} and {@code lastError} tell how the last attempt went.
 */
public record WebhookDelivery(String id, String webhookId, String eventId, WebhookEvent event, Status status, int attempts,
    Instant nextAttemptAt, Integer responseStatus, String lastError, Instant createdAt, Instant deliveredAt) {

  public enum Status {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** A 2xx answer was received. */
    DELIVERED,
    /** Given up after the last attempt. */
    FAILED
  }
}
