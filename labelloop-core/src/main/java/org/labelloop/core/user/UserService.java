package org.labelloop.core.user;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.labelloop.core.ExpiringCache;
import org.labelloop.core.PasswordHasher;
import org.labelloop.core.Ports;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.ApiKeyRepository;
import org.labelloop.core.port.SessionRepository;
import org.labelloop.core.port.UserRepository;

/**
 * Users, passwords and API keys. Administrators manage everyone; a user manages their own keys. Every API request
 * authenticates, so the user behind a key hash is cached for a few seconds ({@link ExpiringCache#TIME_TO_LIVE}): a
 * revoked key fails at once on this instance and within that time on other instances.
 */
public final class UserService {
  static final String API_KEY_PREFIX = "ll_";
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final int MIN_PASSWORD = 10;
  private static final int MAX_PASSWORD_BYTES = 72;

  private final UserRepository users;
  private final ApiKeyRepository keys;
  private final SessionRepository sessions;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final ExpiringCache<String, User> byKeyHash;
  private volatile String dummyHash;

  public UserService(Ports ports, PasswordHasher hasher, Clock clock) {
    this.users = ports.users();
    this.keys = ports.apiKeys();
    this.sessions = ports.sessions();
    this.hasher = hasher;
    this.clock = clock;
    this.byKeyHash = new ExpiringCache<>("api-key-users", ports.invalidations(), clock);
  }

  public User create(Caller caller, String email, String name, String password, boolean admin) {
    Access.requireAdmin(caller);
    return createUnchecked(email, name, password, admin);
  }

  /** Creates the first administrator, with a random password and an API key, when there are no users yet. */
  public Optional<CreatedUser> bootstrapAdmin() {
    if (users.count() > 0) {
      return Optional.empty();
    }
    String password = Secrets.newToken("").substring(0, 20);
    User admin = createUnchecked("admin@localhost", "Administrator", password, true);
    String key = newKey(admin.id(), "admin").plainKey();
    return Optional.of(new CreatedUser(admin, password, key));
  }

  /** The user with these credentials; a wrong email and a wrong password are indistinguishable. */
  public Optional<User> login(String email, String password) {
    if (email == null || password == null) {
      return Optional.empty();
    }
    Optional<User> user = users.findByEmail(email.trim().toLowerCase(java.util.Locale.ROOT));
    Optional<String> hash = user.flatMap(u -> users.passwordHash(u.id()));
    if (hash.isEmpty()) {
      hasher.verify(password, dummyHash());
      return Optional.empty();
    }
    return hasher.verify(password, hash.get()) ? user : Optional.empty();
  }

  /**
   * An administrator's change to a user's account; a null field stays as it is. A new password, or deactivation, ends
   * the user's browser sessions; a deactivated user's API keys are refused until the account is active again.
   */
  public record AccountChange(Boolean admin, Boolean canCreateProjects, Boolean active, String password) {}

  public User update(Caller caller, String userId, AccountChange change) {
    Access.requireAdmin(caller);
    users.find(userId).orElseThrow(() -> LabelloopException.notFound("User " + userId));
    if (caller.userId().equals(userId)) {
      // so that at least one administrator always remains who can undo a change
      if (Boolean.FALSE.equals(change.admin()) || Boolean.FALSE.equals(change.active())) {
        throw LabelloopException.invalid("an administrator cannot deactivate themselves or take away their own administrator role; another administrator can");
      }
      if (change.password() != null) {
        throw LabelloopException.invalid("password: change your own password with your current one (POST /api/v1/auth/password)");
      }
    }
    if (change.password() != null) {
      requireStrong(change.password());
      users.setPasswordHash(userId, hasher.hash(change.password()));
      sessions.deleteForUser(userId);
    }
    if (change.active() != null) {
      users.setDeactivatedAt(userId, change.active() ? null : clock.instant());
      if (!change.active()) sessions.deleteForUser(userId);
    }
    if (change.admin() != null) users.setAdmin(userId, change.admin());
    if (change.canCreateProjects() != null) users.setCanCreateProjects(userId, change.canCreateProjects());
    byKeyHash.invalidateAll();
    return users.find(userId).orElseThrow();
  }

  public ProjectCreators projectCreators(Caller caller) {
    Access.requireAdmin(caller);
    return users.projectCreators();
  }

  public void setProjectCreators(Caller caller, ProjectCreators creators) {
    Access.requireAdmin(caller);
    users.setProjectCreators(creators);
  }

  /** Changes the caller's own password; the current one must be given, so a session left open cannot be taken over. */
  public void changePassword(Caller caller, String currentPassword, String newPassword) {
    String hash = users.passwordHash(caller.userId()).orElseThrow(() -> LabelloopException.invalid("this user has no password"));
    if (currentPassword == null || !hasher.verify(currentPassword, hash)) {
      throw LabelloopException.invalid("currentPassword: wrong password");
    }
    requireStrong(newPassword);
    users.setPasswordHash(caller.userId(), hasher.hash(newPassword));
  }

  public List<User> list(Caller caller) {
    Access.requireAdmin(caller);
    return users.list();
  }


  public CreatedApiKey createApiKey(Caller caller, String userId, String name) {
    requireSelfOrAdmin(caller, userId);
    users.find(userId).orElseThrow(() -> LabelloopException.notFound("User " + userId));
    return newKey(userId, name == null || name.isBlank() ? "api" : name);
  }

  public List<ApiKey> listApiKeys(Caller caller, String userId) {
    requireSelfOrAdmin(caller, userId);
    users.find(userId).orElseThrow(() -> LabelloopException.notFound("User " + userId));
    return keys.listForUser(userId);
  }

  public void revokeApiKey(Caller caller, String keyId) {
    ApiKey key = keys.find(keyId).orElseThrow(() -> LabelloopException.notFound("API key " + keyId));
    requireSelfOrAdmin(caller, key.userId());
    keys.revoke(keyId, clock.instant());
    byKeyHash.invalidateAll();
  }

  public Optional<User> authenticateApiKey(String plainKey) {
    if (plainKey == null || !plainKey.startsWith(API_KEY_PREFIX)) {
      return Optional.empty();
    }
    String hash = Secrets.sha256Hex(plainKey);
    return byKeyHash.get(hash, () -> keys.findActiveByHash(hash).flatMap(k -> users.find(k.userId())));
  }

  private CreatedApiKey newKey(String userId, String name) {
    String plain = Secrets.newToken(API_KEY_PREFIX);
    ApiKey key = keys.create(userId, name, plain.substring(0, API_KEY_PREFIX.length() + 4), Secrets.sha256Hex(plain), clock.instant());
    return new CreatedApiKey(key, plain);
  }

  private User createUnchecked(String email, String name, String password, boolean admin) {
    String normalized = email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
    if (!EMAIL.matcher(normalized).matches()) {
      throw LabelloopException.invalid("email: '" + email + "' is not an email address");
    }
    requireStrong(password);
    if (users.findByEmail(normalized).isPresent()) {
      throw LabelloopException.conflict("A user with email " + normalized + " already exists");
    }
    return users.create(normalized, name, hasher.hash(password), admin, clock.instant());
  }

  private static void requireStrong(String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw LabelloopException.invalid("password: at least " + MIN_PASSWORD + " characters");
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw LabelloopException.invalid("password: at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (bcrypt reads no further)");
    }
  }

  private static void requireSelfOrAdmin(Caller caller, String userId) {
    if (!caller.admin() && !caller.userId().equals(userId)) {
      throw LabelloopException.forbidden("Only an administrator can manage another user's API keys");
    }
  }

  /** A hash of a random password, made once, so a login for an unknown email costs as much as a real one. */
  private String dummyHash() {
    if (dummyHash == null) {
      dummyHash = hasher.hash(Secrets.newToken(""));
    }
    return dummyHash;
  }
}
