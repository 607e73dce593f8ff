package org.labelloop.core.version;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** How version {@code b} differs from version {@code a}: assets added, removed, and whose answer changed. */
public record VersionDiff(List<String> added, List<String> removed, List<Change> changed) {
  public VersionDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /** An asset whose answer differs between the two versions. */
  public record Change(String assetId, String externalId, JsonNode before, JsonNode after) {}
}
