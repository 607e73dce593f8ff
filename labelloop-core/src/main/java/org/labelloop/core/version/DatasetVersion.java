package org.labelloop.core.version;

import java.time.Instant;
import java.util.Objects;

/**
 * A named, immutable snapshot of a project's labeled assets, each with the answer that counted at that moment, and
 * the model version that was current then ({@code modelVersion}, null before the first model).
 */
public record DatasetVersion(
    String id, String projectId, String name, Instant createdAt, String createdBy, String modelVersion, long assetCount) {
  public DatasetVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(name, "name");
  }
}
