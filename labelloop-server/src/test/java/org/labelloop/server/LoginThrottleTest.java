package org.labelloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.labelloop.core.port.LoginFailureRepository;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** The database's counts, kept in a map. */
  private static final class InMemoryLoginFailures implements LoginFailureRepository {
    private final Map<String, Failures> counts = new HashMap<>();

    @Override
    public Optional<Failures> find(String email, String address) {
      return Optional.ofNullable(counts.get(email + "\n" + address));
    }

    @Override
    public void add(String email, String address, Instant now, Instant restartBefore) {
      counts.merge(email + "\n" + address, new Failures(1, now),
          (a, b) -> a.last().isBefore(restartBefore) ? b : new Failures(a.count() + 1, now));
    }

    @Override
    public void clear(String email, String address) {
      counts.remove(email + "\n" + address);
    }

    @Override
    public void deleteBefore(Instant cutoff) {
      counts.values().removeIf(f -> f.last().isBefore(cutoff));
    }
  }

  private final MutableClock clock = new MutableClock();
  private final InMemoryLoginFailures failures = new InMemoryLoginFailures();
  private final LoginThrottle throttle = new LoginThrottle(failures, clock);

  @Test
  void countsOfAnotherServerOnTheSameDatabaseCountToo() {
    LoginThrottle otherServer = new LoginThrottle(failures, clock);
    for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
      (i % 2 == 0 ? throttle : otherServer).failed("a@example.org", "1.2.3.4");
    }
    assertEquals(1, otherServer.waitSeconds("a@example.org", "1.2.3.4"));
  }

  @Test
  void letsTheFirstFailuresThroughWithoutDelay() {
    for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS - 1; i++) {
      throttle.failed("a@example.org", "1.2.3.4");
    }
    assertEquals(0, throttle.waitSeconds("a@example.org", "1.2.3.4"));
  }

  @Test
  void doublesTheDelayWithEachFurtherFailure() {
    for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
      throttle.failed("a@example.org", "1.2.3.4");
    }
    assertEquals(1, throttle.waitSeconds("a@example.org", "1.2.3.4"));
    throttle.failed("a@example.org", "1.2.3.4");
    throttle.failed("a@example.org", "1.2.3.4");
    assertEquals(4, throttle.waitSeconds("A@example.org", "1.2.3.4"), "email is case-insensitive");
    clock.now = clock.now.plus(Duration.ofSeconds(4));
    assertEquals(0, throttle.waitSeconds("a@example.org", "1.2.3.4"));
  }

  @Test
  void countsEachEmailAndAddressSeparatelyAndForgetsOnSuccess() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("a@example.org", "1.2.3.4");
    }
    assertEquals(0, throttle.waitSeconds("a@example.org", "5.6.7.8"));
    assertEquals(0, throttle.waitSeconds("b@example.org", "1.2.3.4"));
    assertTrue(throttle.waitSeconds("a@example.org", "1.2.3.4") > 0);
    throttle.succeeded("a@example.org", "1.2.3.4");
    assertEquals(0, throttle.waitSeconds("a@example.org", "1.2.3.4"));
  }

  /** One guesser trying one password on many accounts: each email fails once, the address is throttled all the same. */
  @Test
  void throttlesAnAddressTryingManyEmails() {
    for (int i = 0; i < 60; i++) {
      throttle.failed("user" + i + "@example.org", "1.2.3.4");
    }
    assertTrue(throttle.waitSeconds("someone.else@example.org", "1.2.3.4") > 60, "an address with 60 failures waits");
    assertEquals(0, throttle.waitSeconds("someone.else@example.org", "5.6.7.8"), "other addresses are not slowed down");
    clock.now = clock.now.plus(Duration.ofMinutes(16));
    throttle.failed("late@example.org", "1.2.3.4");
    assertEquals(0, throttle.waitSeconds("late@example.org", "1.2.3.4"), "a counter idle longer than the longest wait starts again");
  }

  @Test
  void capsTheDelayAtFifteenMinutes() {
    for (int i = 0; i < 100; i++) {
      throttle.failed("a@example.org", "1.2.3.4");
    }
    assertEquals(15 * 60, throttle.waitSeconds("a@example.org", "1.2.3.4"));
  }
}
