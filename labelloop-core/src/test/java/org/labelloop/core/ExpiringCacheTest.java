package org.labelloop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.labelloop.core.port.Invalidations;

class ExpiringCacheTest {
  private final MutableClock clock = new MutableClock();
  private final ExpiringCache<String, String> cache = new ExpiringCache<>("test", Invalidations.LOCAL, clock, Duration.ofSeconds(5), 100);
  private final AtomicInteger loads = new AtomicInteger();

  private Optional<String> load(String value) {
    loads.incrementAndGet();
    return Optional.ofNullable(value);
  }

  @Test
  void servesAFoundValueUntilItExpires() {
    assertEquals(Optional.of("ann"), cache.get("k", () -> load("ann")));
    clock.now = clock.now.plusSeconds(4);
    assertEquals(Optional.of("ann"), cache.get("k", () -> load("bob")));
    clock.now = clock.now.plusSeconds(1);
    assertEquals(Optional.of("bob"), cache.get("k", () -> load("bob")));
    assertEquals(2, loads.get());
  }

  @Test
  void neverKeepsAnAbsentValue() {
    assertEquals(Optional.empty(), cache.get("k", () -> load(null)));
    assertEquals(Optional.of("ann"), cache.get("k", () -> load("ann")));
  }

  @Test
  void invalidationForgetsEveryEntry() {
    cache.get("k", () -> load("ann"));
    cache.invalidateAll();
    assertEquals(Optional.empty(), cache.get("k", () -> load(null)));
  }

  @Test
  void aLoadThatRacedWithAnInvalidationIsNotServedAfterwards() {
    cache.get("k", () -> {
      cache.invalidateAll(); // the key is revoked while its (stale) lookup runs
      return load("stale");
    });
    assertEquals(Optional.empty(), cache.get("k", () -> load(null)));
  }

  /** Announcements delivered to every other listener of the same name, as PostgreSQL's NOTIFY does between servers. */
  private static final class Bus implements Invalidations {
    private final java.util.List<java.util.Map.Entry<String, Runnable>> listeners = new java.util.ArrayList<>();

    @Override
    public void announce(String cache) {
      listeners.stream().filter(l -> l.getKey().equals(cache)).forEach(l -> l.getValue().run());
    }

    @Override
    public void listen(String cache, Runnable forget) {
      listeners.add(java.util.Map.entry(cache, forget));
    }
  }

  @Test
  void anInvalidationOnOneInstanceReachesTheOthersBeforeTheirEntriesExpire() {
    Bus bus = new Bus();
    ExpiringCache<String, String> here = new ExpiringCache<>("keys", bus, clock);
    ExpiringCache<String, String> there = new ExpiringCache<>("keys", bus, clock);
    ExpiringCache<String, String> unrelated = new ExpiringCache<>("settings", bus, clock);
    there.get("k", () -> load("ann"));
    unrelated.get("k", () -> load("ann"));
    here.invalidateAll();
    assertEquals(Optional.of("bob"), there.get("k", () -> load("bob")));
    assertEquals(Optional.of("ann"), unrelated.get("k", () -> load("bob")));
  }
}
