package org.labelloop.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.labelloop.core.port.Invalidations;

/**
 * A small in-memory map whose entries live for a fixed time, for the lookups every API request repeats (whose key is
 * this, what may they do in this project, the project's learning and quality settings). Only found values are kept,
 * so an unknown key or a non-member always asks the database. The owner calls {@link #invalidateAll} after a change
 * it makes commits, which also tells the other server instances on the database ({@link Invalidations}: several
 * servers on one PostgreSQL), and they forget their copies within milliseconds; the time to live bounds how long a
 * change goes unseen by an instance that missed the announcement (its listening connection was down).
 *
 * <p>Each entry carries the generation it was loaded in and only entries of the current generation are served, so a
 * load that raced with an invalidation is never served afterwards: a revoked key fails at once on this instance.
 */
public final class ExpiringCache<K, V> {
  /** How long other server instances may go on using a revoked key, a removed membership or an old project. */
  public static final Duration TIME_TO_LIVE = Duration.ofSeconds(5);
  static final int MAX_ENTRIES = 10_000;

  private final String name;
  private final Invalidations invalidations;
  private final Clock clock;
  private final Duration timeToLive;
  private final int maxEntries;
  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  private record Entry<V>(V value, long generation, Instant expires) {}

  /** A cache that {@code name}s itself to the other instances (unique per kind of cached thing). */
  public ExpiringCache(String name, Invalidations invalidations, Clock clock) {
    this(name, invalidations, clock, TIME_TO_LIVE, MAX_ENTRIES);
  }

  ExpiringCache(String name, Invalidations invalidations, Clock clock, Duration timeToLive, int maxEntries) {
    this.name = name;
    this.invalidations = invalidations;
    this.clock = clock;
    this.timeToLive = timeToLive;
    this.maxEntries = maxEntries;
    invalidations.listen(name, this::forget);
  }

  /** The cached value, else what {@code load} finds (kept if present). */
  public Optional<V> get(K key, Supplier<Optional<V>> load) {
    long current = generation.get();
    Instant now = clock.instant();
    Entry<V> entry = entries.get(key);
    if (entry != null && entry.generation() == current && now.isBefore(entry.expires())) {
      return Optional.of(entry.value());
    }
    Optional<V> loaded = load.get();
    if (loaded.isPresent()) {
      if (entries.size() >= maxEntries) {
        entries.clear(); // rare (more distinct callers than entries within one time to live); simpler than LRU
      }
      entries.put(key, new Entry<>(loaded.get(), current, now.plus(timeToLive)));
    } else {
      entries.remove(key);
    }
    return loaded;
  }

  /** Forgets every entry here and on the other instances; call it after the change is committed. */
  public void invalidateAll() {
    forget();
    invalidations.announce(name);
  }

  /** Forgets every entry, including those of loads still running. */
  private void forget() {
    generation.incrementAndGet();
    entries.clear();
  }
}
