package org.labelloop.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A webhook receiver on loopback (the JDK's HTTP server): records every POST and answers {@code failFirst} of them
 * with 503, the rest with 200.
 */
public final class HookReceiver implements AutoCloseable {
  /** One received POST: headers (lower-cased names), the raw body, and the body parsed. */
  public record Hook(Map<String, String> headers, byte[] raw, JsonNode body) {
    public String event() {
      return body.path("event").asText();
    }
  }

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Hook> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  public HookReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] raw = in.readAllBytes();
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
        boolean fail = failFirst.getAndDecrement() > 0;
        if (!fail) received.add(new Hook(headers, raw, Api.JSON.readTree(raw)));
        exchange.sendResponseHeaders(fail ? 503 : 200, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  public HookReceiver() throws IOException {
    this(0);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/hook";
  }

  /** Answers the next {@code n} POSTs with 503 (not recorded). */
  public void failNext(int n) {
    failFirst.set(n);
  }

  public List<Hook> received() {
    return new ArrayList<>(received);
  }

  /** Waits up to {@code millis} until {@code count} received hooks match; returns them all. */
  public List<Hook> await(Predicate<Hook> match, int count, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (received.stream().filter(match).count() >= count) break;
      Thread.sleep(50);
    }
    return received.stream().filter(match).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
