package org.labelloop.core.label;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.labelloop.core.error.LabelloopException;

/** A label as submitted: the asset by id or by external id, and the answer. */
public record LabelDraft(
    String assetId,
    String assetExternalId,
    LabelType labelType,
    JsonNode jsonResponse,
    String modelVersion,
    Double secondsToLabel,
    boolean skipped) {
  public LabelDraft {
    if ((assetId == null || assetId.isBlank()) && (assetExternalId == null || assetExternalId.isBlank())) {
      throw LabelloopException.invalid("assetId or assetExternalId: one is required");
    }
    labelType = labelType == null ? LabelType.DEFAULT : labelType;
    Objects.requireNonNull(jsonResponse, "jsonResponse");
    if (labelType.isModel() && (modelVersion == null || modelVersion.isBlank())) {
      throw LabelloopException.invalid("modelVersion: required for " + labelType + " labels");
    }
    if (secondsToLabel != null && (secondsToLabel < 0 || secondsToLabel.isNaN())) {
      throw LabelloopException.invalid("secondsToLabel: must be a non-negative number");
    }
  }
}
