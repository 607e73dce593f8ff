package org.labelloop.core.asset;

import com.fasterxml.jackson.databind.JsonNode;
import org.labelloop.core.error.LabelloopException;

/** An asset as imported, before it has an id; {@code label} is an optional category id from the file. */
public record AssetDraft(String externalId, String content, JsonNode metadata, int priority, boolean honeypot, String label) {
  public AssetDraft {
    if (externalId == null || externalId.isBlank()) {
      throw LabelloopException.invalid("externalId: must not be empty");
    }
    if (content == null) {
      throw LabelloopException.invalid("content: missing");
    }
  }
}
