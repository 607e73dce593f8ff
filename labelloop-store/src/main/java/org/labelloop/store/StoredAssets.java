package org.labelloop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.asset.StoredAsset;
import org.labelloop.core.asset.StoredAsset.StoredLabel;
import org.labelloop.core.label.LabelType;

/**
 * An export's reads: a page of assets joined to their labels in one query, read by column position, with the text and
 * JSON columns as their UTF-8 bytes (no string decoded), each asset handed on as soon as its last label is read. The
 * page is the id range from the cursor to the last of its first n matching assets, so the join walks assets and labels
 * in id order by their indexes; joining a LIMIT subquery instead made SQLite sort every page's rows, contents included,
 * in a temporary b-tree (export server CPU about a sixth lower without it, BENCHMARKS.md "Scale (issue 18)").
 */
final class StoredAssets {
  /**
   * Assets a read: each page is one read transaction, so SQLite's checkpoints can reset the WAL between pages of a long
   * export; a page of 1,000 cost a Jdbi handle and a statement per 1,000 rows, about a seventh of the export's server
   * CPU. Memory does not grow with it: rows are streamed (PostgreSQL: by the fetch size).
   */
  static final int PAGE = 20_000;
  private static final int FETCH = 1_000;
  private static final String SELECT =
      "SELECT a.id, a.external_id, a.content, a.metadata, a.status, a.priority, a.is_honeypot, l.id, l.label_type,"
          + " l.json_response, l.author_id, l.model_version, l.created_at, l.seconds_to_label, l.skipped"
          + " FROM assets a LEFT JOIN labels l ON l.asset_id = a.id";
  private static final String LAST = " AND a.id <= (SELECT max(a.id) FROM (SELECT a.id FROM assets a";
  private static final String ORDER = " ORDER BY a.id LIMIT :n) a) ORDER BY a.id, l.id";

  private StoredAssets() {}

  /**
   * Hands the first {@code n} assets after the query's cursor to {@code sink}, in id order; returns the last one's id
   * where there were n (more may follow), else null.
   */
  static String page(Handle h, AssetQuery query, int n, Consumer<StoredAsset> sink) {
    String where = AssetFilter.where(query);
    return AssetFilter.bind(h.createQuery(SELECT + where + LAST + where + ORDER), query)
        .bind("n", n)
        .setFetchSize(FETCH)
        .scanResultSet((supplier, ctx) -> {
          try (ResultSet rs = supplier.get()) {
            StoredAsset asset = null;
            long current = -1;
            int count = 0;
            while (rs.next()) {
              long id = rs.getLong(1);
              if (id != current) {
                if (asset != null) {
                  sink.accept(asset);
                }
                current = id;
                count++;
                asset = new StoredAsset(Long.toString(id), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4),
                    AssetStatus.valueOf(rs.getString(5)), rs.getInt(6), rs.getBoolean(7), new ArrayList<>(1));
              }
              long labelId = rs.getLong(8);
              if (!rs.wasNull()) {
                asset.labels().add(label(rs, labelId));
              }
            }
            if (asset != null) {
              sink.accept(asset);
            }
            return count == n ? asset.id() : null;
          }
        });
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
