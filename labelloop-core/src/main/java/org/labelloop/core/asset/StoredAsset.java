package org.labelloop.core.asset;

import java.time.Instant;
import java.util.List;
import org.labelloop.core.label.LabelType;

/**
 * An asset and its labels (in creation order) with their text and JSON columns as the stored UTF-8 bytes: what an
 * export copies to its output without decoding them into strings and encoding them again. The arrays are the reader's
 * own and never changed.
 */
public record StoredAsset(
    String id,
    byte[] externalId,
    byte[] content,
    byte[] metadataJson,
    AssetStatus status,
    int priority,
    boolean honeypot,
    List<StoredLabel> labels) {

  /** A label with its {@code jsonResponse} as the stored UTF-8 bytes. */
  public record StoredLabel(
      String id,
      LabelType labelType,
      byte[] responseJson,
      String authorId,
      String modelVersion,
      Instant createdAt,
      Double secondsToLabel,
      boolean skipped) {}
}
