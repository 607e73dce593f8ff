package org.labelloop.core.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A project's subscription: where to POST which events, signed with {@code secret}. {@code allowPrivate} lets an
 * administrator point it at a loopback or private address (a local receiver, a service in the same network).
 */
public record Webhook(String id, String projectId, String url, Set<WebhookEvent> events, String secret, boolean allowPrivate,
    String createdBy, Instant createdAt) {
  public Webhook {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(url, "url");
    events = Set.copyOf(events);
    Objects.requireNonNull(secret, "secret");
  }
}
