package org.labelloop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.labelloop.core.port.Page;
import org.labelloop.core.webhook.Webhook;
import org.labelloop.core.webhook.WebhookDelivery;
import org.labelloop.core.webhook.WebhookEvent;
import org.labelloop.core.webhook.WebhookRepository;

/** Webhooks and the outbox of their deliveries (V12). */
final class SqlWebhookRepository implements WebhookRepository {
  private static final String COLUMNS = "id, project_id, url, events, secret, allow_private, created_by, created_at";
  private static final String DELIVERY_COLUMNS =
      "id, webhook_id, event_id, event, status, attempts, next_attempt_at, response_status, last_error, created_at, delivered_at";

  private final Tx tx;
  private final String claim;

  SqlWebhookRepository(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.claim = dialect.sql("claim-webhook-deliveries.sql");
  }

  @Override
  public Webhook insert(String projectId, String url, Set<WebhookEvent> events, String secret, boolean allowPrivate, String createdBy,
      Instant now) {
    return tx.write(h -> h.createQuery("INSERT INTO webhooks (project_id, url, events, secret, allow_private, created_by, created_at)"
            + " VALUES (:p, :url, :events, :secret, :private, :by, :now) RETURNING " + COLUMNS)
        .bind("p", Ids.parse(projectId)).bind("url", url).bind("events", encode(events)).bind("secret", secret)
        .bind("private", allowPrivate).bind("by", Ids.parseNullable(createdBy)).bind("now", now.toEpochMilli())
        .map((rs, ctx) -> webhook(rs)).one());
  }

  @Override
  public List<Webhook> list(String projectId) {
    return tx.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM webhooks WHERE project_id = :p ORDER BY id")
        .bind("p", Ids.parse(projectId)).map((rs, ctx) -> webhook(rs)).list());
  }

  @Override
  public Optional<Webhook> find(String webhookId) {
    return tx.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM webhooks WHERE id = :id")
        .bind("id", Ids.parse(webhookId)).map((rs, ctx) -> webhook(rs)).findOne());
  }

  @Override
  public boolean delete(String webhookId) {
    return tx.write(h -> h.createUpdate("DELETE FROM webhooks WHERE id = :id").bind("id", Ids.parse(webhookId)).execute()) > 0;
  }

  @Override
  public Set<WebhookEvent> subscriptions(String projectId) {
    List<String> rows = tx.read(h -> tx.plain().list(h, "SELECT events FROM webhooks WHERE project_id = :p",
        p -> p.set("p", Ids.parse(projectId)), rs -> rs.getString(1)));
    Set<WebhookEvent> all = EnumSet.noneOf(WebhookEvent.class);
    rows.forEach(r -> all.addAll(decode(r)));
    return all;
  }

  @Override
  public void enqueue(String projectId, List<OutboxEvent> events, Instant now) {
    if (events.isEmpty()) return;
    tx.write(h -> {
      var batch = h.prepareBatch(
          """
          INSERT INTO webhook_deliveries (webhook_id, event_id, event, payload, status, attempts, next_attempt_at, created_at)
          SELECT id, :eventId, :event, :payload, 'PENDING', 0, :now, :now FROM webhooks
          WHERE project_id = :p AND events LIKE :subscribed""");
      for (OutboxEvent e : events) {
        batch.bind("eventId", e.eventId()).bind("event", e.event().name()).bind("payload", e.payload()).bind("now", now.toEpochMilli())
            .bind("p", Ids.parse(projectId)).bind("subscribed", "%," + e.event().name() + ",%").add();
      }
      return batch.execute();
    });
  }

  @Override
  public boolean anyDue(Instant now) {
    return tx.read(h -> h.createQuery("SELECT 1 FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= :now"
            + " AND (locked_until IS NULL OR locked_until < :now) LIMIT 1")
        .bind("now", now.toEpochMilli()).mapTo(Integer.class).findOne().isPresent());
  }

  @Override
  public List<Claimed> claim(String workerId, Instant now, Instant lockUntil, int limit) {
    return tx.write(h -> {
      record Row(long id, long webhookId, String eventId, String event, String payload, int attempts) {}
      List<Row> rows = h.createQuery(claim).bind("workerId", workerId).bind("now", now.toEpochMilli())
          .bind("until", lockUntil.toEpochMilli()).bind("n", limit)
          .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("event_id"), rs.getString("event"),
              rs.getString("payload"), rs.getInt("attempts")))
          .list();
      if (rows.isEmpty()) return List.of();
      Map<Long, Webhook> hooks = new HashMap<>(); // a batch names few webhooks: one short read each
      for (Row r : rows) {
        hooks.computeIfAbsent(r.webhookId(), id -> find(Long.toString(id)).orElseThrow());
      }
      return rows.stream().map(r -> {
        Webhook w = hooks.get(r.webhookId());
        return new Claimed(Long.toString(r.id()), r.eventId(), WebhookEvent.valueOf(r.event()), r.payload(), r.attempts(), w.url(),
            w.secret(), w.allowPrivate());
      }).toList();
    });
  }

  @Override
  public void delivered(String deliveryId, int responseStatus, Instant now) {
    tx.write(h -> h.createUpdate("UPDATE webhook_deliveries SET status = 'DELIVERED', response_status = :s, last_error = NULL,"
            + " delivered_at = :now, locked_by = NULL, locked_until = NULL WHERE id = :id")
        .bind("s", responseStatus).bind("now", now.toEpochMilli()).bind("id", Ids.parse(deliveryId)).execute());
  }

  @Override
  public void failed(String deliveryId, Integer responseStatus, String error, Instant retryAt, Instant now) {
    tx.write(h -> h.createUpdate("UPDATE webhook_deliveries SET status = :status, response_status = :s, last_error = :e,"
            + " next_attempt_at = :next, locked_by = NULL, locked_until = NULL WHERE id = :id")
        .bind("status", retryAt == null ? "FAILED" : "PENDING").bind("s", responseStatus).bind("e", error)
        .bind("next", (retryAt == null ? now : retryAt).toEpochMilli()).bind("id", Ids.parse(deliveryId)).execute());
  }

  /** Newest first: the log reads as "what happened lately". The cursor is the last id of the previous page. */
  @Override
  public Page<WebhookDelivery> deliveries(String webhookId, String cursor, int limit) {
    int n = Ids.limit(limit);
    long before = cursor == null || cursor.isBlank() ? Long.MAX_VALUE : Ids.cursor(cursor);
    return tx.read(h -> Ids.page(h.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries"
                + " WHERE webhook_id = :w AND id < :before ORDER BY id DESC LIMIT :n")
            .bind("w", Ids.parse(webhookId)).bind("before", before).bind("n", n + 1).map((rs, ctx) -> delivery(rs)).list(),
        n, WebhookDelivery::id));
  }

  @Override
  public int prune(Instant before) {
    return tx.write(h -> h.createUpdate("DELETE FROM webhook_deliveries WHERE status = 'DELIVERED' AND delivered_at < :before")
        .bind("before", before.toEpochMilli()).execute());
  }

  private static String encode(Set<WebhookEvent> events) {
    return events.stream().map(Enum::name).sorted().collect(Collectors.joining(",", ",", ","));
  }

  private static Set<WebhookEvent> decode(String events) {
    Set<WebhookEvent> out = EnumSet.noneOf(WebhookEvent.class);
    Arrays.stream(events.split(",")).filter(s -> !s.isBlank()).forEach(s -> out.add(WebhookEvent.valueOf(s)));
    return out;
  }

  private static Webhook webhook(ResultSet rs) throws SQLException {
    long by = rs.getLong("created_by");
    String createdBy = rs.wasNull() ? null : Long.toString(by);
    return new Webhook(rs.getString("id"), rs.getString("project_id"), rs.getString("url"), decode(rs.getString("events")),
        rs.getString("secret"), rs.getBoolean("allow_private"), createdBy, Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static WebhookDelivery delivery(ResultSet rs) throws SQLException {
    int status = rs.getInt("response_status");
    Integer response = rs.wasNull() ? null : status;
    long delivered = rs.getLong("delivered_at");
    Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(delivered);
    return new WebhookDelivery(rs.getString("id"), rs.getString("webhook_id"), rs.getString("event_id"),
        WebhookEvent.valueOf(rs.getString("event")), WebhookDelivery.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
        Instant.ofEpochMilli(rs.getLong("next_attempt_at")), response, rs.getString("last_error"),
        Instant.ofEpochMilli(rs.getLong("created_at")), deliveredAt);
  }
}
