package org.labelloop.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.user.ApiKey;

/** Stores API keys by hash; the plain key is never stored. */
public interface ApiKeyRepository {
  ApiKey create(String userId, String name, String prefix, String keyHash, Instant now);

  /** The key with this hash unless it is revoked. */
  Optional<ApiKey> findActiveByHash(String keyHash);

  Optional<ApiKey> find(String keyId);

  List<ApiKey> listForUser(String userId);

  void revoke(String keyId, Instant now);
}
