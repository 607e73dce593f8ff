package org.labelloop.core.label;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/** One answer for an asset, in Kili's {@code jsonResponse} shape, per job. */
public record Label(
    String id,
    String projectId,
    String assetId,
    String authorId,
    LabelType labelType,
    JsonNode jsonResponse,
    String modelVersion,
    Instant createdAt,
    Double secondsToLabel,
    boolean skipped) {
  public Label {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(labelType, "labelType");
    Objects.requireNonNull(jsonResponse, "jsonResponse");
  }
}
