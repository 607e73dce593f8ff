package org.labelloop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.UserRepository;
import org.labelloop.core.user.ProjectCreators;
import org.labelloop.core.user.User;

final class SqlUserRepository implements UserRepository {
  private static final String COLUMNS = "id, email, name, is_admin, can_create_projects, deactivated_at, created_at";

  private final Tx tx;

  SqlUserRepository(Tx tx) {
    this.tx = tx;
  }

  static String normalise(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  /** Throws a CONFLICT error when the email is taken (compared lower-case). */
  @Override
  public User create(String email, String name, String passwordHash, boolean admin, Instant now) {
    String normalised = normalise(email);
    if (normalised == null || normalised.isEmpty()) {
      throw LabelloopException.invalid("email: must not be empty");
    }
    String storedName = name == null ? "" : name;
    Optional<Long> id =
        tx.write(
            h ->
                h.createQuery(
                        """
                        INSERT INTO users (email, name, password_hash, is_admin, created_at)
                        VALUES (:email, :name, :hash, :admin, :now)
                        ON CONFLICT (email) DO NOTHING RETURNING id""")
                    .bind("email", normalised)
                    .bind("name", storedName)
                    .bind("hash", passwordHash)
                    .bind("admin", admin)
                    .bind("now", now.toEpochMilli())
                    .mapTo(Long.class)
                    .findOne());
    if (id.isEmpty()) {
      throw LabelloopException.conflict("email: a user with " + normalised + " already exists");
    }
    return new User(Long.toString(id.get()), normalised, storedName, admin, false, true, Instant.ofEpochMilli(now.toEpochMilli()));
  }

  @Override
  public void setCanCreateProjects(String userId, boolean allowed) {
    set(userId, "can_create_projects", allowed);
  }

  @Override
  public void setAdmin(String userId, boolean admin) {
    set(userId, "is_admin", admin);
  }

  @Override
  public void setDeactivatedAt(String userId, Instant deactivatedAt) {
    set(userId, "deactivated_at", deactivatedAt == null ? null : deactivatedAt.toEpochMilli());
  }

  private void set(String userId, String column, Object value) {
    tx.write(h -> h.createUpdate("UPDATE users SET " + column + " = :value WHERE id = :id")
        .bindByType("value", value, value == null ? Long.class : value.getClass())
        .bind("id", Ids.parse(userId))
        .execute());
  }

  @Override
  public ProjectCreators projectCreators() {
    return tx.read(h -> h.createQuery("SELECT value FROM instance_settings WHERE name = 'project_creators'")
        .mapTo(String.class)
        .findOne()
        .map(ProjectCreators::valueOf)
        .orElse(ProjectCreators.ALLOWED_USERS));
  }

  @Override
  public void setProjectCreators(ProjectCreators creators) {
    tx.write(h -> h.createUpdate("UPDATE instance_settings SET value = :value WHERE name = 'project_creators'")
        .bind("value", creators.name())
        .execute());
  }

  @Override
  public Optional<User> find(String userId) {
    return tx.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", Ids.parse(userId))
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public Optional<User> findByEmail(String email) {
    return tx.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM users WHERE email = :email")
                .bind("email", normalise(email))
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public Optional<String> passwordHash(String userId) {
    return tx.read(
        h ->
            h.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", Ids.parse(userId))
                .map((rs, ctx) -> Optional.ofNullable(rs.getString(1)))
                .findOne()
                .flatMap(o -> o));
  }

  @Override
  public void setPasswordHash(String userId, String passwordHash) {
    tx.write(h -> h.createUpdate("UPDATE users SET password_hash = :hash WHERE id = :id")
        .bind("hash", passwordHash).bind("id", Ids.parse(userId)).execute());
  }

  @Override
  public List<User> list() {
    return tx.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY id").map((rs, ctx) -> map(rs)).list());
  }

  @Override
  public long count() {
    return tx.read(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
  }

  private static User map(ResultSet rs) throws SQLException {
    return new User(
        Long.toString(rs.getLong("id")),
        rs.getString("email"),
        rs.getString("name"),
        rs.getBoolean("is_admin"),
        rs.getBoolean("can_create_projects"),
        rs.getObject("deactivated_at") == null,
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
