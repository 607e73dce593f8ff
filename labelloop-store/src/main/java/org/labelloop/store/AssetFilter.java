package org.labelloop.store;

import org.jdbi.v3.core.statement.Query;
import org.labelloop.core.asset.AssetQuery;

/** The WHERE clause of an {@link AssetQuery} on {@code assets a}, from its cursor on, and its bindings. */
final class AssetFilter {
  private AssetFilter() {}

  static String where(AssetQuery query) {
    StringBuilder sql = new StringBuilder(" WHERE a.project_id = :projectId AND a.id > :after");
    if (query.status() != null) {
      sql.append(" AND a.status = :status");
    }
    if (query.externalId() != null) {
      sql.append(" AND a.external_id = :externalId");
    }
    if (query.labelType() != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.label_type = :labelType)");
    }
    return sql.toString();
  }

  static Query bind(Query q, AssetQuery query) {
    q.bind("projectId", Ids.parse(query.projectId())).bind("after", Ids.cursor(query.cursor()));
    if (query.status() != null) {
      q.bind("status", query.status().name());
    }
    if (query.externalId() != null) {
      q.bind("externalId", query.externalId());
    }
    if (query.labelType() != null) {
      q.bind("labelType", query.labelType().name());
    }
    return q;
  }
}
