package org.labelloop.core.version;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** One asset of a dataset version with the answer chosen for it (REVIEW over DEFAULT, newest first). */
public record VersionItem(String assetId, String externalId, String labelId, JsonNode answer) {
  public VersionItem {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(answer, "answer");
  }
}
