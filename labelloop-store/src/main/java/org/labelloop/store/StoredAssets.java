package org.labelloop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.asset.StoredAsset;
import org.labelloop.core.asset.StoredAsset.StoredLabel;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.port.Page;

/**
 * A page of assets with their labels in one query (the page's assets joined to their labels), read by column
 * position, with the text and JSON columns read as their UTF-8 bytes (no string decoded): an export's reads, without a label query per page. The page is the
 * id range from the cursor to the last of its first n matching assets, so the join walks assets and labels in id
 * order by their indexes; joining a LIMIT subquery instead made SQLite sort every page's rows, contents included, in
 * a temporary b-tree (export server CPU about a sixth lower without it, BENCHMARKS.md "Scale (issue 18)").
 */
final class StoredAssets {
  private static final String SELECT =
      "SELECT a.id, a.external_id, a.content, a.metadata, a.status, a.priority, a.is_honeypot, l.id, l.label_type,"
          + " l.json_response, l.author_id, l.model_version, l.created_at, l.seconds_to_label, l.skipped"
          + " FROM assets a LEFT JOIN labels l ON l.asset_id = a.id";
  private static final String LAST = " AND a.id <= (SELECT max(a.id) FROM (SELECT a.id FROM assets a";
  private static final String ORDER = " ORDER BY a.id LIMIT :n) a) ORDER BY a.id, l.id";

  private StoredAssets() {}

  static Page<StoredAsset> page(Handle h, AssetQuery query) {
    List<StoredAsset> assets = new ArrayList<>();
    String where = AssetFilter.where(query);
    AssetFilter.bind(h.createQuery(SELECT + where + LAST + where + ORDER), query)
        .bind("n", query.limit() + 1)
        .scanResultSet((supplier, ctx) -> {
          try (ResultSet rs = supplier.get()) {
            long current = -1;
            List<StoredLabel> labels = null;
            while (rs.next()) {
              long id = rs.getLong(1);
              if (id != current) {
                current = id;
                labels = new ArrayList<>(1);
                assets.add(new StoredAsset(Long.toString(id), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4),
                    AssetStatus.valueOf(rs.getString(5)), rs.getInt(6), rs.getBoolean(7), labels));
              }
              long labelId = rs.getLong(8);
              if (!rs.wasNull()) {
                labels.add(label(rs, labelId));
              }
            }
            return null;
          }
        });
    return Ids.page(assets, query.limit(), StoredAsset::id);
  }

  private static StoredLabel label(ResultSet rs, long id) throws SQLException {
    long author = rs.getLong(11);
    String authorId = rs.wasNull() ? null : Long.toString(author);
    Instant createdAt = Instant.ofEpochMilli(rs.getLong(13));
    double seconds = rs.getDouble(14);
    Double secondsToLabel = rs.wasNull() ? null : seconds;
    return new StoredLabel(Long.toString(id), LabelType.valueOf(rs.getString(9)), rs.getBytes(10), authorId,
        rs.getString(12), createdAt, secondsToLabel, rs.getBoolean(15));
  }
}
