package org.labelloop.store;

import java.time.Instant;
import java.util.Optional;
import org.labelloop.core.port.LoginFailureRepository;

/** Failed logins in {@code login_failures}; one upsert counts a failure atomically, whatever server took the attempt. */
final class SqlLoginFailureRepository implements LoginFailureRepository {
  private final Tx tx;

  SqlLoginFailureRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Failures> find(String email, String address) {
    return tx.read(h -> h.createQuery("SELECT count, last_at FROM login_failures WHERE email = :e AND address = :a")
        .bind("e", email).bind("a", address)
        .map((rs, ctx) -> new Failures(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2))))
        .findOne());
  }

  @Override
  public void add(String email, String address, Instant now, Instant restartBefore) {
    tx.write(h -> h.createUpdate("""
            INSERT INTO login_failures (email, address, count, last_at) VALUES (:e, :a, 1, :now)
            ON CONFLICT (email, address) DO UPDATE SET last_at = excluded.last_at,
              count = CASE WHEN login_failures.last_at < :restart THEN 1 ELSE login_failures.count + 1 END""")
        .bind("e", email).bind("a", address).bind("now", now.toEpochMilli()).bind("restart", restartBefore.toEpochMilli())
        .execute());
  }

  @Override
  public void clear(String email, String address) {
    tx.write(h -> h.createUpdate("DELETE FROM login_failures WHERE email = :e AND address = :a")
        .bind("e", email).bind("a", address).execute());
  }

  @Override
  public void deleteBefore(Instant cutoff) {
    tx.write(h -> h.createUpdate("DELETE FROM login_failures WHERE last_at < :c").bind("c", cutoff.toEpochMilli()).execute());
  }
}
