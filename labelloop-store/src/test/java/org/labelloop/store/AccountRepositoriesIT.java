package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.SessionRepository.Session;
import org.labelloop.core.user.ApiKey;
import org.labelloop.core.user.Member;
import org.labelloop.core.user.Role;
import org.labelloop.core.user.User;

/** Users, API keys, sessions and members. */
class AccountRepositoriesIT extends OnBothDatabases {
  @Test
  void emailIsStoredLowerCaseAndUniqueIgnoringCase() {
    long before = db.users().count();
    User u = db.users().create("  Ada@Example.ORG ", "Ada", "bcrypt-hash", true, NOW);
    assertEquals("ada@example.org", u.email());
    assertTrue(u.admin());
    assertEquals(u, db.users().findByEmail("ADA@example.org").orElseThrow());
    assertEquals(u, db.users().find(u.id()).orElseThrow());
    assertEquals("bcrypt-hash", db.users().passwordHash(u.id()).orElseThrow());
    var e = assertThrows(LabelloopException.class, () -> db.users().create("ada@EXAMPLE.org", "Other", "h", false, NOW));
    assertEquals(ErrorCode.CONFLICT, e.code());
    assertEquals(before + 1, db.users().count());
    assertTrue(db.users().list().contains(u));
  }

  @Test
  void userWithoutPasswordHasNoHash() {
    User u = db.users().create("robot-" + System.nanoTime() + "@example.org", null, null, false, NOW);
    assertEquals("", u.name());
    assertTrue(db.users().passwordHash(u.id()).isEmpty());
  }

  @Test
  void revokedApiKeyIsNoLongerFoundByHash() {
    User u = Fixtures.user(db);
    String hash = "sha256-" + System.nanoTime();
    ApiKey key = db.apiKeys().create(u.id(), "ci", "llk_ab12", hash, NOW);
    assertEquals(key, db.apiKeys().findActiveByHash(hash).orElseThrow());
    db.apiKeys().revoke(key.id(), NOW.plusSeconds(1));
    assertTrue(db.apiKeys().findActiveByHash(hash).isEmpty());
    ApiKey revoked = db.apiKeys().find(key.id()).orElseThrow();
    assertTrue(revoked.revoked());
    db.apiKeys().revoke(key.id(), NOW.plusSeconds(99));
    assertEquals(revoked.revokedAt(), db.apiKeys().find(key.id()).orElseThrow().revokedAt(), "first revocation stays");
    assertEquals(List.of(revoked), db.apiKeys().listForUser(u.id()));
    assertTrue(db.apiKeys().findActiveByHash("unknown").isEmpty());
  }

  @Test
  void sessionsAreFoundDeletedAndExpired() {
    User u = Fixtures.user(db);
    Session live = new Session("live-" + System.nanoTime(), u.id(), "csrf1", NOW.plusSeconds(3600));
    Session old = new Session("old-" + System.nanoTime(), u.id(), "csrf2", NOW.minusSeconds(1));
    db.sessions().create(live);
    db.sessions().create(old);
    assertEquals(live, db.sessions().find(live.tokenHash()).orElseThrow());
    db.sessions().deleteExpired(NOW);
    assertTrue(db.sessions().find(old.tokenHash()).isEmpty());
    assertTrue(db.sessions().find(live.tokenHash()).isPresent());
    db.sessions().delete(live.tokenHash());
    assertFalse(db.sessions().find(live.tokenHash()).isPresent());
  }

  @Test
  void putAddsAMemberOrChangesTheirRole() {
    User u = Fixtures.user(db);
    User v = Fixtures.user(db);
    String p = Fixtures.project(db).id();
    db.members().put(p, u.id(), Role.LABELER);
    db.members().put(p, v.id(), Role.REVIEWER);
    db.members().put(p, u.id(), Role.ADMIN);
    assertEquals(Role.ADMIN, db.members().role(p, u.id()).orElseThrow());
    assertEquals(
        List.of(new Member(p, u.id(), u.email(), u.name(), Role.ADMIN, true), new Member(p, v.id(), v.email(), v.name(), Role.REVIEWER, true)),
        db.members().list(p));
    db.members().remove(p, u.id());
    assertTrue(db.members().role(p, u.id()).isEmpty());
    assertEquals(1, db.members().list(p).size());
  }
}
