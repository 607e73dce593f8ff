package org.labelloop.core.asset;

/** Where an asset stands in the labeling workflow. */
public enum AssetStatus {
  TODO,
  ONGOING,
  LABELED,
  TO_REVIEW,
  REVIEWED
}
