package org.labelloop.core.project;

import java.util.Map;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.label.LabelType;

/** Counts of a project's assets by status and of its labels by type. */
public record ProjectStats(long assetCount, Map<AssetStatus, Long> assetsByStatus, Map<LabelType, Long> labelsByType) {
  public ProjectStats {
    assetsByStatus = Map.copyOf(assetsByStatus);
    labelsByType = Map.copyOf(labelsByType);
  }
}
