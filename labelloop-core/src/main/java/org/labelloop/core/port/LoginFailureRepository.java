package org.labelloop.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed logins per email and address, in the database, so every server instance sees the same counts: a
 * guesser spreading attempts over several servers, or waiting for a restart, gets no extra free attempts. An email of
 * {@code ""} counts the failures of the address whatever the emails.
 */
public interface LoginFailureRepository {
  record Failures(int count, Instant last) {}

  Optional<Failures> find(String email, String address);

  /** Counts one more failure at {@code now}; a count whose last failure was before {@code restartBefore} restarts at one. */
  void add(String email, String address, Instant now, Instant restartBefore);

  void clear(String email, String address);

  /** Forgets the counts whose last failure was before {@code cutoff}. */
  void deleteBefore(Instant cutoff);
}
