package org.labelloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.Labelloop;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.webhook.Webhook;
import org.labelloop.core.webhook.WebhookDelivery;

/** Webhooks of a project and their delivery log. */
final class WebhookRoutes {
  private final Labelloop app;

  WebhookRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.post("/api/v1/projects/{id}/webhooks", this::create);
    j.get("/api/v1/projects/{id}/webhooks", this::list);
    j.delete("/api/v1/webhooks/{id}", ctx -> {
      app.webhooks().delete(Auth.caller(ctx), ctx.pathParam("id"));
      ctx.status(204);
    });
    j.get("/api/v1/webhooks/{id}/deliveries", ctx -> ctx.json(Json.page(
        app.webhooks().deliveries(Auth.caller(ctx), ctx.pathParam("id"), ctx.queryParam("cursor"), Body.limit(ctx, 100)),
        WebhookRoutes::delivery)));
  }

  private void create(Context ctx) {
    JsonNode body = Body.object(ctx);
    JsonNode events = body.get("events");
    if (events == null || !events.isArray()) {
      throw LabelloopException.invalid("events: required, an array of event names");
    }
    List<String> names = new ArrayList<>();
    events.forEach(e -> names.add(e.asText()));
    Webhook w = app.webhooks().create(Auth.caller(ctx), ctx.pathParam("id"), Body.requiredText(body, "url"), names,
        Body.text(body, "secret"), Body.bool(body, "allowPrivate", false));
    ctx.status(201).json(webhook(w).put("secret", w.secret())); // shown this once
  }

  private void list(Context ctx) {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    app.webhooks().list(Auth.caller(ctx), ctx.pathParam("id")).forEach(w -> items.add(webhook(w)));
    out.putNull("nextCursor");
    ctx.json(out);
  }

  private static ObjectNode webhook(Webhook w) {
    ObjectNode o = Json.object();
    o.put("id", w.id()).put("projectId", w.projectId()).put("url", w.url());
    ArrayNode events = o.putArray("events");
    w.events().stream().map(Enum::name).sorted().forEach(events::add);
    o.put("allowPrivate", w.allowPrivate()).put("createdBy", w.createdBy()).put("createdAt", w.createdAt().toString());
    return o;
  }

  private static ObjectNode delivery(WebhookDelivery d) {
    ObjectNode o = Json.object();
    o.put("id", d.id()).put("webhookId", d.webhookId()).put("eventId", d.eventId()).put("event", d.event().name())
        .put("status", d.status().name()).put("attempts", d.attempts())
        .put("nextAttemptAt", d.status() == WebhookDelivery.Status.PENDING ? d.nextAttemptAt().toString() : null)
        .put("responseStatus", d.responseStatus()).put("lastError", d.lastError()).put("createdAt", d.createdAt().toString())
        .put("deliveredAt", d.deliveredAt() == null ? null : d.deliveredAt().toString());
    return o;
  }
}
