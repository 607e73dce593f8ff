package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One trained model of a project. {@code maxLabelId} is the newest human label in its snapshot; {@code changedShare}
 * the share of pool assets whose predicted class differs from the previous version's (null for the first).
 */
public record ModelVersion(
    String projectId,
    int version,
    String modelVersion,
    String jobId,
    String learnedJob,
    Instant createdAt,
    int labelsUsed,
    long maxLabelId,
    double trainingSeconds,
    Double cvAccuracy,
    Double cvMacroF1,
    Double changedShare,
    int predictions,
    String snapshotHash,
    JsonNode card) {
  public ModelVersion {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(modelVersion, "modelVersion");
    if (version < 1) {
      throw new IllegalArgumentException("version must be positive");
    }
  }

  /** The label's modelVersion string of version {@code n}. */
  public static String name(int n) {
    return "v" + n;
  }
}
