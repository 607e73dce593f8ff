package org.labelloop.core.asset;

import java.time.Instant;
import java.util.List;
import org.labelloop.core.label.LabelType;

/**
 * An asset and its labels (in creation order) with their JSON columns as stored text: what an export copies to its
 * output without decoding and encoding them again.
 */
public record StoredAsset(
    String id,
    String externalId,
    String content,
    String metadataJson,
    AssetStatus status,
    int priority,
    boolean honeypot,
    List<StoredLabel> labels) {

  /** A label with its {@code jsonResponse} as stored text. */
  public record StoredLabel(
      String id,
      LabelType labelType,
      String responseJson,
      String authorId,
      String modelVersion,
      Instant createdAt,
      Double secondsToLabel,
      boolean skipped) {}
}
