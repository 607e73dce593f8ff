package org.labelloop.core.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.labelloop.core.Ports;
import org.labelloop.core.learning.Threads;
import org.labelloop.core.outbound.Backoff;
import org.labelloop.core.outbound.Targets;
import org.labelloop.core.error.LabelloopException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties the webhook outbox: claims due deliveries (several servers share the table safely), POSTs each signed body
 * in parallel, and records the outcome. A failed attempt is retried with exponential backoff (5 s, 10 s, 20 s ... at
 * most an hour apart) up to {@link #MAX_ATTEMPTS} attempts, about 9 hours in all, then marked FAILED. Delivery is at
 * least once: a server killed between the POST and the record sends it again after the claim expires (30 s), with
 * the same event id for the receiver to drop the repeat.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  static final int MAX_ATTEMPTS = 15;
  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1));
  /**
   * Longer than a batch of parallel attempts can take (5 s to connect, 10 s to answer), short enough that the
   * deliveries a killed server had claimed go out soon after it: they are taken again when the claim expires.
   */
  private static final Duration CLAIM = Duration.ofSeconds(30);
  private static final Duration KEEP_DELIVERED = Duration.ofDays(7);
  private static final int BATCH = 16;

  private final Ports ports;
  private final Clock clock;
  private final WebhookTransport transport;
  private final String workerId = "webhooks-" + UUID.randomUUID();
  private final Duration poll;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean running;
  private Thread loop;
  private Instant lastPrune = Instant.EPOCH;

  public WebhookDispatcher(Ports ports, Clock clock, WebhookTransport transport, Duration poll) {
    this.ports = ports;
    this.clock = clock;
    this.transport = transport;
    this.poll = poll;
  }

  public WebhookDispatcher start() {
    running = true;
    loop = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::runLoop);
    return this;
  }

  private void runLoop() {
    while (running) {
      try {
        if (runOnce() == 0) Thread.sleep(poll);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("webhook dispatch failed; retrying in {}", poll, e);
        try {
          Thread.sleep(poll);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /** Sends one batch of due deliveries; returns how many were attempted. */
  int runOnce() throws InterruptedException {
    Instant now = clock.instant();
    pruneDaily(now);
    WebhookRepository outbox = ports.webhooks();
    if (!outbox.anyDue(now)) return 0;
    List<WebhookRepository.Claimed> claimed = ports.tx().inTransaction(() -> outbox.claim(workerId, now, now.plus(CLAIM), BATCH));
    List<Future<?>> sent = claimed.stream().<Future<?>>map(c -> senders.submit(() -> attempt(c))).toList();
    for (Future<?> f : sent) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.warn("recording a webhook attempt failed; the delivery is retried when its claim expires", e.getCause());
      }
    }
    return claimed.size();
  }

  private void attempt(WebhookRepository.Claimed c) {
    byte[] body = c.payload().getBytes(StandardCharsets.UTF_8);
    Integer status = null;
    String error;
    try {
      var url = Targets.parse(c.url());
      Targets.requirePublic(url, c.allowPrivate());
      status = transport.post(url, headers(c, body), body);
      if (status >= 200 && status < 300) {
        ports.webhooks().delivered(c.deliveryId(), status, clock.instant());
        return;
      }
      error = "answered HTTP " + status;
    } catch (IOException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (LabelloopException e) {
      error = e.getMessage();
    }
    Instant now = clock.instant();
    Instant retry = retryAt(c.attempts(), now);
    ports.webhooks().failed(c.deliveryId(), status, error.length() > 500 ? error.substring(0, 500) : error, retry, now);
    LOG.info("webhook delivery {} ({} to {}) attempt {} failed: {}; {}", c.deliveryId(), c.event(), c.url(), c.attempts(), error,
        retry == null ? "giving up" : "next at " + retry);
  }

  private Map<String, String> headers(WebhookRepository.Claimed c, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.put("User-Agent", "Labelloop-Webhooks");
    h.put("X-Labelloop-Event", c.event().name());
    h.put("X-Labelloop-Event-Id", c.eventId());
    h.put("X-Labelloop-Attempt", Integer.toString(c.attempts()));
    h.put(WebhookSignature.HEADER, WebhookSignature.header(c.secret(), clock.instant().getEpochSecond(), body));
    return h;
  }

  /** When to try again after {@code attempts} failed attempts, or null to give up. */
  static Instant retryAt(int attempts, Instant now) {
    return attempts >= MAX_ATTEMPTS ? null : now.plus(BACKOFF.after(attempts));
  }

  private void pruneDaily(Instant now) {
    if (Duration.between(lastPrune, now).toHours() >= 24) {
      lastPrune = now;
      int n = ports.webhooks().prune(now.minus(KEEP_DELIVERED));
      if (n > 0) LOG.info("pruned {} delivered webhook deliveries older than {}", n, KEEP_DELIVERED);
    }
  }

  @Override
  public void close() {
    running = false;
    Threads.stop(loop);
    senders.shutdownNow();
  }
}
