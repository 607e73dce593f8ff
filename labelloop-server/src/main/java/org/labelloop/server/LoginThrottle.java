package org.labelloop.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@value #FREE_ATTEMPTS} failed logins for one email from one address, or
 * {@value #FREE_ATTEMPTS_PER_ADDRESS} from one address whatever the emails (one guesser trying many accounts), each
 * further attempt must wait 2^(failures - free) seconds (capped at 15 minutes) after the last failure, else 429.
 * In memory per server instance; a success clears its email's counter, not the address's; a counter whose last failure
 * is older than the longest wait starts again.
 */
final class LoginThrottle {
  static final int FREE_ATTEMPTS = 5;
  static final int FREE_ATTEMPTS_PER_ADDRESS = 30;
  private static final long MAX_DELAY_SECONDS = 15 * 60;
  private static final int MAX_ENTRIES = 100_000;

  private record Failures(int count, Instant last) {}

  /** Failures of one email from one address, or of one address ({@code email} null). */
  private record Key(String email, String ip) {}

  private final ConcurrentHashMap<Key, Failures> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Seconds the caller must still wait before trying again; 0 when they may try now. */
  long waitSeconds(String email, String ip) {
    return Math.max(waitSeconds(key(email, ip), FREE_ATTEMPTS), waitSeconds(new Key(null, ip), FREE_ATTEMPTS_PER_ADDRESS));
  }

  private long waitSeconds(Key key, int free) {
    Failures f = failures.get(key);
    if (f == null || f.count() < free) {
      return 0;
    }
    long delay = delayFor(f.count() - free);
    long elapsed = Duration.between(f.last(), clock.instant()).toSeconds();
    return Math.max(0, delay - elapsed);
  }

  void failed(String email, String ip) {
    if (failures.size() > MAX_ENTRIES) {
      failures.clear(); // crude bound on memory under a flood of distinct keys
    }
    Instant now = clock.instant();
    for (Key key : new Key[] {key(email, ip), new Key(null, ip)}) {
      failures.merge(key, new Failures(1, now), (a, b) -> Duration.between(a.last(), now).toSeconds() > MAX_DELAY_SECONDS
          ? b : new Failures(a.count() + 1, now));
    }
  }

  void succeeded(String email, String ip) {
    failures.remove(key(email, ip));
  }

  private static long delayFor(int beyondFree) {
    int exp = Math.min(beyondFree, 20);
    return Math.min(1L << exp, MAX_DELAY_SECONDS);
  }

  private static Key key(String email, String ip) {
    return new Key(email == null ? "" : email.toLowerCase(Locale.ROOT), ip);
  }
}
