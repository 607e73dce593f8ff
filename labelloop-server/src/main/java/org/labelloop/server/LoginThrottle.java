package org.labelloop.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.labelloop.core.port.LoginFailureRepository;
import org.labelloop.core.port.LoginFailureRepository.Failures;

/**
 * Slows down password guessing: after {@value #FREE_ATTEMPTS} failed logins for one email from one address, or
 * {@value #FREE_ATTEMPTS_PER_ADDRESS} from one address whatever the emails (one guesser trying many accounts), each
 * further attempt must wait 2^(failures - free) seconds (capped at 15 minutes) after the last failure, else 429.
 * The counts are in the database, shared by every server instance; a success clears its email's counter, not the
 * address's; a counter whose last failure is older than the longest wait starts again (and is deleted by the next
 * failure anywhere).
 */
final class LoginThrottle {
  static final int FREE_ATTEMPTS = 5;
  static final int FREE_ATTEMPTS_PER_ADDRESS = 30;
  private static final Duration MAX_DELAY = Duration.ofMinutes(15);
  /** The counter of an address whatever the emails. */
  private static final String ANY_EMAIL = "";

  private final LoginFailureRepository failures;
  private final Clock clock;

  LoginThrottle(LoginFailureRepository failures, Clock clock) {
    this.failures = failures;
    this.clock = clock;
  }

  /** Seconds the caller must still wait before trying again; 0 when they may try now. */
  long waitSeconds(String email, String ip) {
    return Math.max(waitSeconds(email(email), ip, FREE_ATTEMPTS), waitSeconds(ANY_EMAIL, ip, FREE_ATTEMPTS_PER_ADDRESS));
  }

  private long waitSeconds(String email, String ip, int free) {
    Failures f = failures.find(email, ip).orElse(null);
    if (f == null || f.count() < free) {
      return 0;
    }
    long delay = delayFor(f.count() - free);
    long elapsed = Duration.between(f.last(), clock.instant()).toSeconds();
    return Math.max(0, delay - elapsed);
  }

  void failed(String email, String ip) {
    Instant now = clock.instant();
    Instant restart = now.minus(MAX_DELAY).minusSeconds(1);
    failures.deleteBefore(restart);
    failures.add(email(email), ip, now, restart);
    failures.add(ANY_EMAIL, ip, now, restart);
  }

  void succeeded(String email, String ip) {
    failures.clear(email(email), ip);
  }

  private static long delayFor(int beyondFree) {
    int exp = Math.min(beyondFree, 20);
    return Math.min(1L << exp, MAX_DELAY.toSeconds());
  }

  /** Emails compare case-insensitively; a missing one counts as an unknown address, never as the any-email counter. */
  private static String email(String email) {
    return email == null || email.isEmpty() ? " " : email.toLowerCase(Locale.ROOT);
  }
}
