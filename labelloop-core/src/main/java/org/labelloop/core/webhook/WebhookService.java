package org.labelloop.core.webhook;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.labelloop.core.Ports;
import org.labelloop.core.outbound.Targets;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.Page;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.core.user.Secrets;

/** Project admins manage their project's webhooks and read the delivery log; private targets need a server admin. */
public final class WebhookService {
  private static final int MAX_PER_PROJECT = 20;

  private final Ports ports;
  private final Access access;
  private final Clock clock;

  public WebhookService(Ports ports, Access access, Clock clock) {
    this.ports = ports;
    this.access = access;
    this.clock = clock;
  }

  /** A new webhook; with no {@code secret} one is generated. The returned webhook is the only time it is shown. */
  public Webhook create(Caller caller, String projectId, String url, List<String> eventNames, String secret, boolean allowPrivate) {
    access.require(caller, projectId, Role.ADMIN);
    if (allowPrivate && !caller.admin()) {
      throw LabelloopException.forbidden("allowPrivate: only a server administrator may point a webhook at a private or loopback address");
    }
    var uri = Targets.parse(url);
    Targets.requirePublic(uri, allowPrivate);
    if (eventNames == null || eventNames.isEmpty()) {
      throw LabelloopException.invalid("events: give at least one of " + List.of(WebhookEvent.values()));
    }
    Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
    eventNames.forEach(e -> events.add(WebhookEvent.parse(e)));
    if (secret != null && secret.isBlank()) {
      throw LabelloopException.invalid("secret: must not be blank (leave it out to get a generated one)");
    }
    String key = secret != null ? secret : Secrets.newToken("whsec_");
    return ports.tx().inTransaction(() -> {
      if (ports.webhooks().list(projectId).size() >= MAX_PER_PROJECT) {
        throw LabelloopException.conflict("a project has at most " + MAX_PER_PROJECT + " webhooks; delete one first");
      }
      return ports.webhooks().insert(projectId, uri.toString(), events, key, allowPrivate, caller.userId(), clock.instant());
    });
  }

  public List<Webhook> list(Caller caller, String projectId) {
    access.require(caller, projectId, Role.ADMIN);
    return ports.webhooks().list(projectId);
  }

  public void delete(Caller caller, String webhookId) {
    Webhook w = get(caller, webhookId);
    ports.tx().inTransaction(() -> ports.webhooks().delete(w.id()));
  }

  public Page<WebhookDelivery> deliveries(Caller caller, String webhookId, String cursor, int limit) {
    Webhook w = get(caller, webhookId);
    return ports.webhooks().deliveries(w.id(), cursor, limit <= 0 ? 100 : Math.min(limit, 1000));
  }

  /** The webhook, for an admin of its project; anyone else gets the same 404 as for a missing one. */
  private Webhook get(Caller caller, String webhookId) {
    Webhook w = ports.webhooks().find(webhookId).orElseThrow(() -> LabelloopException.notFound("Webhook " + webhookId));
    try {
      access.require(caller, w.projectId(), Role.ADMIN);
    } catch (LabelloopException e) {
      throw LabelloopException.notFound("Webhook " + webhookId);
    }
    return w;
  }
}
