package org.labelloop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.asset.StoredAsset;
import org.labelloop.core.asset.StoredAsset.StoredLabel;
import org.labelloop.core.label.LabelType;

/**
 * An export's reads: a page's assets and their labels as two queries read side by side in id order, by column
 * position, with the text and JSON columns as their UTF-8 bytes (no string decoded), each asset handed on with its
 * labels. Joining the labels instead cost SQLite a search of the labels index for every asset and repeated the asset's
 * columns on every label row (BENCHMARKS.md "Import and export against the database's floor"). The page is the id
 * range from the cursor to the last of its first n matching assets, so both queries walk their indexes in order with
 * no sort (a LIMIT on the assets made SQLite sort every page's rows in a temporary b-tree).
 */
final class StoredAssets {
  /**
   * Assets a read: each page is one read transaction, so SQLite's checkpoints can reset the WAL between pages of a long
   * export; a page of 1,000 cost a Jdbi handle and a statement per 1,000 rows, about a seventh of the export's server
   * CPU. Memory does not grow with it: rows are streamed (PostgreSQL: by the fetch size).
   */
  static final int PAGE = 20_000;
  private static final int FETCH = 1_000;
  private static final String ASSETS =
      "SELECT a.id, a.external_id, a.content, a.metadata, a.status, a.priority, a.is_honeypot FROM assets a";
  private static final String LABELS =
      "SELECT l.asset_id, l.id, l.label_type, l.json_response, l.author_id, l.model_version, l.created_at,"
          + " l.seconds_to_label, l.skipped FROM labels l WHERE ";
  /**
   * The labels of every asset in the page's id range, by one walk of the labels' asset index: {@code +} keeps SQLite
   * from taking the project's index instead and sorting all the project's labels for every page.
   */
  private static final String LABELS_OF_RANGE =
      LABELS + "l.asset_id >= :first AND l.asset_id <= :last AND +l.project_id = :projectId ORDER BY l.asset_id, l.id";
  /** The ids of a page's assets looked up one by one (0.2 s of CPU per million assets on SQLite, BENCHMARKS.md). */
  private static final String LABELS_OF_IDS = LABELS + "l.asset_id IN (SELECT a.id FROM assets a";

  private static final EnumNames<AssetStatus> STATUSES = new EnumNames<>(AssetStatus.values());
  private static final EnumNames<LabelType> LABEL_TYPES = new EnumNames<>(LabelType.values());

  private StoredAssets() {}

  /**
   * Hands the first {@code n} assets after the query's cursor to {@code sink}, in id order; returns the last one's id
   * where there were n (more may follow), else null. Run it in {@link Dialect#inSnapshot}, so that a label submitted
   * between the assets' and the labels' reads is not in a line beside the status read before it.
   */
  static String page(Handle h, Dialect dialect, AssetQuery query, int n, Consumer<StoredAsset> sink) {
    String where = AssetFilter.where(query, dialect);
    long[] range = AssetFilter.bind(h.createQuery(
            "SELECT count(*), min(a.id), max(a.id) FROM (SELECT a.id FROM assets a" + where + " ORDER BY a.id LIMIT :n) a"),
            query)
        .bind("n", n)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
        .one();
    long count = range[0];
    if (count == 0) {
      return null;
    }
    long first = range[1];
    long last = range[2];
    Query assets = AssetFilter.bind(h.createQuery(ASSETS + where + " AND a.id <= :last ORDER BY a.id"), query)
        .bind("last", last)
        .setFetchSize(FETCH);
    // Where other assets (another project's, the filter's) take more of the id range than the page's own, their labels
    // would be read for nothing: a sparse page looks its assets' labels up by id.
    Query labels = last - first < 2 * count
        ? h.createQuery(LABELS_OF_RANGE).bind("first", first).bind("projectId", Ids.parse(query.projectId()))
        : AssetFilter.bind(h.createQuery(LABELS_OF_IDS + where + " AND a.id <= :last) ORDER BY l.asset_id, l.id"), query);
    labels.bind("last", last).setFetchSize(FETCH);
    assets.scanResultSet((assetRows, c) -> labels.scanResultSet((labelRows, d) -> {
      try (ResultSet a = assetRows.get(); ResultSet l = labelRows.get()) {
        merge(a, l, sink);
      }
      return null;
    }));
    return count == n ? Long.toString(last) : null;
  }

  /** Both in id order: each asset gets the labels of its id; labels of assets the filter left out are passed over. */
  private static void merge(ResultSet assets, ResultSet labels, Consumer<StoredAsset> sink) throws SQLException {
    long labelAsset = labels.next() ? labels.getLong(1) : Long.MAX_VALUE;
    while (assets.next()) {
      long id = assets.getLong(1);
      StoredAsset asset = new StoredAsset(Long.toString(id), assets.getBytes(2), assets.getBytes(3), assets.getBytes(4),
          STATUSES.of(assets.getBytes(5)), assets.getInt(6), assets.getBoolean(7), new ArrayList<>(1));
      while (labelAsset <= id) {
        if (labelAsset == id) {
          asset.labels().add(label(labels));
        }
        labelAsset = labels.next() ? labels.getLong(1) : Long.MAX_VALUE;
      }
      sink.accept(asset);
    }
  }

  private static StoredLabel label(ResultSet rs) throws SQLException {
    long id = rs.getLong(2);
    long author = rs.getLong(5);
    String authorId = rs.wasNull() ? null : Long.toString(author);
    Instant createdAt = Instant.ofEpochMilli(rs.getLong(7));
    double seconds = rs.getDouble(8);
    Double secondsToLabel = rs.wasNull() ? null : seconds;
    return new StoredLabel(Long.toString(id), LABEL_TYPES.of(rs.getBytes(3)), rs.getBytes(4), authorId,
        rs.getString(6), createdAt, secondsToLabel, rs.getBoolean(9));
  }
}
