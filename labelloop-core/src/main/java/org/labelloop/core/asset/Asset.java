package org.labelloop.core.asset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One item to label. {@code content} is the text, a stored file's path, or a JSON row for tabular projects;
 * {@code queueScore} is the learning loop's uncertainty score (higher is served first, after priority).
 */
public record Asset(
    String id,
    String projectId,
    String externalId,
    String content,
    JsonNode metadata,
    AssetStatus status,
    int priority,
    double queueScore,
    boolean honeypot,
    Instant createdAt) {
  public Asset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(status, "status");
  }

  public Asset withStatus(AssetStatus newStatus) {
    return new Asset(id, projectId, externalId, content, metadata, newStatus, priority, queueScore, honeypot, createdAt);
  }
}
