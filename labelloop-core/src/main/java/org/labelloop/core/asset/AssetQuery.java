package org.labelloop.core.asset;

import org.labelloop.core.label.LabelType;

/** Filters for listing assets; null fields do not filter. {@code cursor} is the last id of the previous page. */
public record AssetQuery(
    String projectId, AssetStatus status, LabelType labelType, String externalId, String cursor, int limit) {
  public static final int MAX_LIMIT = 1000;

  public AssetQuery {
    limit = limit <= 0 ? 100 : Math.min(limit, MAX_LIMIT);
  }
}
