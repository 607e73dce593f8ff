package org.labelloop.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.labelloop.core.port.Page;

/** Webhooks and their outbox. Every method joins the caller's transaction when there is one. */
public interface WebhookRepository {
  Webhook insert(String projectId, String url, Set<WebhookEvent> events, String secret, boolean allowPrivate, String createdBy,
      Instant now);

  List<Webhook> list(String projectId);

  Optional<Webhook> find(String webhookId);

  boolean delete(String webhookId);

  /** The events any webhook of the project subscribes to (empty for most projects: then nothing is written). */
  Set<WebhookEvent> subscriptions(String projectId);

  /** Puts one delivery per event and per webhook of the project subscribed to it into the outbox, due now. */
  void enqueue(String projectId, List<OutboxEvent> events, Instant now);

  /** A serialized event: its idempotency id, its type and its JSON body. */
  record OutboxEvent(String eventId, WebhookEvent event, String payload) {}

  /** Whether a delivery is due; a cheap read, so that an idle worker never takes the write lock. */
  boolean anyDue(Instant now);

  /**
   * Takes up to {@code limit} due deliveries for this worker until {@code lockUntil} and counts the attempt. Several
   * workers (servers) never take the same row; a worker that dies leaves its rows to be taken again after the lock.
   */
  List<Claimed> claim(String workerId, Instant now, Instant lockUntil, int limit);

  /** A claimed delivery with what it takes to send it. */
  record Claimed(String deliveryId, String eventId, WebhookEvent event, String payload, int attempts, String url, String secret,
      boolean allowPrivate) {}

  void delivered(String deliveryId, int responseStatus, Instant now);

  /** Records a failed attempt: due again at {@code retryAt}, or FAILED for good when it is null. */
  void failed(String deliveryId, Integer responseStatus, String error, Instant retryAt, Instant now);

  Page<WebhookDelivery> deliveries(String webhookId, String cursor, int limit);

  /** Deletes DELIVERED rows older than {@code before}, so the log stays the recent past. */
  int prune(Instant before);
}
