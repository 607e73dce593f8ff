package org.labelloop.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@value #FREE_ATTEMPTS} failed logins for one email from one address, each
 * further attempt must wait 2^(failures - free) seconds (capped at 15 minutes) after the last failure, else 429.
 * In memory per server instance; a success clears the counter.
 */
final class LoginThrottle {
  static final int FREE_ATTEMPTS = 5;
  private static final long MAX_DELAY_SECONDS = 15 * 60;
  private static final int MAX_ENTRIES = 100_000;

  private record Failures(int count, Instant last) {}

  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Seconds the caller must still wait before trying again; 0 when they may try now. */
  long waitSeconds(String email, String ip) {
    Failures f = failures.get(key(email, ip));
    if (f == null || f.count() < FREE_ATTEMPTS) {
      return 0;
    }
    long delay = delayFor(f.count());
    long elapsed = Duration.between(f.last(), clock.instant()).toSeconds();
    return Math.max(0, delay - elapsed);
  }

  void failed(String email, String ip) {
    if (failures.size() > MAX_ENTRIES) {
      failures.clear(); // crude bound on memory under a flood of distinct keys
    }
    Instant now = clock.instant();
    failures.merge(key(email, ip), new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
  }

  void succeeded(String email, String ip) {
    failures.remove(key(email, ip));
  }

  private static long delayFor(int count) {
    int exp = Math.min(count - FREE_ATTEMPTS, 20);
    return Math.min(1L << exp, MAX_DELAY_SECONDS);
  }

  private static String key(String email, String ip) {
    return (email == null ? "" : email.toLowerCase(Locale.ROOT)) + "|" + ip;
  }
}
