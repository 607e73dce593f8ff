package org.labelloop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.port.ApiKeyRepository;
import org.labelloop.core.user.ApiKey;

final class SqlApiKeyRepository implements ApiKeyRepository {
  private static final String COLUMNS = "id, user_id, name, prefix, created_at, revoked_at";

  private final Tx tx;

  SqlApiKeyRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public ApiKey create(String userId, String name, String prefix, String keyHash, Instant now) {
    String storedName = name == null ? "" : name;
    String storedPrefix = prefix == null ? "" : prefix;
    long id =
        tx.write(
            h ->
                h.createQuery(
                        """
                        INSERT INTO api_keys (user_id, name, prefix, key_hash, created_at)
                        VALUES (:userId, :name, :prefix, :hash, :now) RETURNING id""")
                    .bind("userId", Ids.parse(userId))
                    .bind("name", storedName)
                    .bind("prefix", storedPrefix)
                    .bind("hash", keyHash)
                    .bind("now", now.toEpochMilli())
                    .mapTo(Long.class)
                    .one());
    return new ApiKey(Long.toString(id), userId, storedName, storedPrefix, Instant.ofEpochMilli(now.toEpochMilli()), null);
  }

  @Override
  public Optional<ApiKey> findActiveByHash(String keyHash) {
    return tx.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                .bind("hash", keyHash)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public Optional<ApiKey> find(String keyId) {
    return tx.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
                .bind("id", Ids.parse(keyId))
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public List<ApiKey> listForUser(String userId) {
    return tx.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = :userId ORDER BY id")
                .bind("userId", Ids.parse(userId))
                .map((rs, ctx) -> map(rs))
                .list());
  }

  /** Revoking twice keeps the first revocation time. */
  @Override
  public void revoke(String keyId, Instant now) {
    tx.write(
        h ->
            h.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", now.toEpochMilli())
                .bind("id", Ids.parse(keyId))
                .execute());
  }

  private static ApiKey map(ResultSet rs) throws SQLException {
    long revoked = rs.getLong("revoked_at");
    Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
    return new ApiKey(
        Long.toString(rs.getLong("id")),
        Long.toString(rs.getLong("user_id")),
        rs.getString("name"),
        rs.getString("prefix"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        revokedAt);
  }
}
