package org.labelloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.asset.StoredAsset;
import org.labelloop.core.port.AssetRepository;
import org.labelloop.core.port.Page;

final class SqlAssetRepository implements AssetRepository {
  private static final String COLUMNS =
      "a.id, a.project_id, a.external_id, a.content, a.metadata, a.status, a.priority, a.queue_score, a.is_honeypot,"
          + " a.created_at";
  private static final String INSERT =
      """
      INSERT INTO assets (project_id, external_id, content, metadata, status, priority, is_honeypot, created_at, import_id)
      VALUES (?, ?, ?, ?, 'TODO', ?, ?, ?, ?)
      ON CONFLICT (project_id, external_id) DO NOTHING""";

  private static final String FIND_TO_LABEL =
      "SELECT " + COLUMNS + ", EXISTS (SELECT 1 FROM running_imports r WHERE r.id = a.import_id) AS importing,"
          + " EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id) AS labeled FROM assets a WHERE a.project_id = :projectId AND ";
  private static final String FIND_TO_LABEL_BY_ID = FIND_TO_LABEL + "a.id = :key";
  private static final String FIND_TO_LABEL_BY_EXTERNAL_ID = FIND_TO_LABEL + "a.external_id = :key";
  private static final String CLAIM =
      "UPDATE assets SET status = 'ONGOING', locked_by = :userId, locked_until = :until WHERE id = :id RETURNING "
          + COLUMNS.replace("a.", "");

  private final Tx tx;
  private final Dialect dialect;
  private final String claimCandidate;

  SqlAssetRepository(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
    this.claimCandidate = dialect.sql("claim-candidate.sql");
  }

  /**
   * Inserts the drafts, skipping those whose external id is already stored or comes earlier in the same list; true
   * where a draft was inserted. SQLite: one prepared statement, one JDBC batch, a duplicate's update count 0.
   * PostgreSQL: COPY into a staging table and one INSERT … SELECT, as a per-row batch there costs the server a
   * statement a row (about 19× the time of a plain COPY for 1M rows, BENCHMARKS.md "Scale (issue 18)").
   */
  @Override
  public boolean[] insert(String projectId, String importId, List<AssetDraft> drafts, Instant now) {
    if (drafts.isEmpty()) {
      return new boolean[0];
    }
    long project = Ids.parse(projectId);
    Long importKey = importId == null ? null : Ids.parse(importId);
    long created = now.toEpochMilli();
    return tx.write(h -> {
      try {
        return dialect == Dialect.POSTGRESQL
            ? AssetCopy.insert(h.getConnection(), project, importKey, created, drafts)
            : batchInsert(h.getConnection(), project, importKey, created, drafts);
      } catch (SQLException e) {
        throw new StoreException("Inserting assets failed", e);
      }
    });
  }

  /** Requires the PostgreSQL driver's {@code reWriteBatchedInserts} off: rewritten batches report no per-row counts. */
  private static boolean[] batchInsert(Connection c, long project, Long importKey, long created, List<AssetDraft> drafts)
      throws SQLException {
    int[] counts;
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (AssetDraft d : drafts) {
        ps.setLong(1, project);
        ps.setString(2, d.externalId());
        ps.setString(3, d.content());
        setMetadata(ps, 4, d);
        ps.setInt(5, d.priority());
        ps.setBoolean(6, d.honeypot());
        ps.setLong(7, created);
        if (importKey == null) {
          ps.setNull(8, Types.BIGINT);
        } else {
          ps.setLong(8, importKey);
        }
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    boolean[] inserted = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == Statement.SUCCESS_NO_INFO) {
        throw new IllegalStateException("The JDBC driver did not report per-row counts (reWriteBatchedInserts must be off)");
      }
      inserted[i] = counts[i] > 0;
    }
    return inserted;
  }

  private static void setMetadata(PreparedStatement ps, int index, AssetDraft d) throws SQLException {
    String metadata = Json.write(d.metadata());
    if (metadata == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, metadata);
    }
  }

  @Override
  public int replace(String projectId, List<AssetDraft> drafts) {
    if (drafts.isEmpty()) {
      return 0;
    }
    long project = Ids.parse(projectId);
    int[] counts = tx.write(h -> {
      try (PreparedStatement ps = h.getConnection().prepareStatement(
          "UPDATE assets SET content = ?, metadata = ?, priority = ?, is_honeypot = ? WHERE project_id = ? AND external_id = ?")) {
        for (AssetDraft d : drafts) {
          ps.setString(1, d.content());
          setMetadata(ps, 2, d);
          ps.setInt(3, d.priority());
          ps.setBoolean(4, d.honeypot());
          ps.setLong(5, project);
          ps.setString(6, d.externalId());
          ps.addBatch();
        }
        return ps.executeBatch();
      } catch (SQLException e) {
        throw new StoreException("Updating assets failed", e);
      }
    });
    int found = 0;
    for (int c : counts) {
      found += c > 0 ? 1 : 0;
    }
    return found;
  }

  @Override
  public Optional<Asset> find(String projectId, String assetId) {
    return tx.read(h -> find(h, Ids.parse(projectId), Ids.parse(assetId)));
  }

  private static Optional<Asset> find(Handle h, long projectId, long assetId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM assets a WHERE a.id = :id AND a.project_id = :projectId")
        .bind("id", assetId)
        .bind("projectId", projectId)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  @Override
  public List<Asset> findAll(String projectId, List<String> assetIds) {
    if (assetIds.isEmpty()) return List.of();
    List<Long> ids = assetIds.stream().map(Ids::parse).toList();
    Map<Long, Asset> found = new HashMap<>();
    // the ids are parsed numbers: written into the statement, one statement for any count
    String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    tx.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM assets a WHERE a.project_id = :projectId AND a.id IN (" + in + ")")
        .bind("projectId", Ids.parse(projectId)).map((rs, ctx) -> map(rs)).list())
        .forEach(a -> found.put(Ids.parse(a.id()), a));
    return ids.stream().map(found::get).filter(Objects::nonNull).toList();
  }

  @Override
  public Optional<Asset> findByExternalId(String projectId, String externalId) {
    return tx.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM assets a WHERE a.project_id = :projectId AND a.external_id = :e")
                .bind("projectId", Ids.parse(projectId))
                .bind("e", externalId)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public Optional<LabelTarget> findToLabel(String projectId, String assetId, String externalId) {
    boolean byId = assetId != null && !assetId.isBlank();
    return tx.read(h -> tx.plain().one(h, byId ? FIND_TO_LABEL_BY_ID : FIND_TO_LABEL_BY_EXTERNAL_ID,
        p -> {
          p.set("projectId", Ids.parse(projectId));
          if (byId) {
            p.set("key", Ids.parse(assetId));
          } else {
            p.set("key", externalId);
          }
        },
        rs -> new LabelTarget(map(rs), rs.getBoolean("importing"), rs.getBoolean("labeled"))));
  }

  @Override
  public Page<Asset> list(AssetQuery query) {
    String sql = "SELECT " + COLUMNS + " FROM assets a" + AssetFilter.where(query, dialect) + " ORDER BY a.id LIMIT :n";
    return tx.read(h -> Ids.page(
        AssetFilter.bind(h.createQuery(sql), query).bind("n", query.limit() + 1).map((rs, ctx) -> map(rs)).list(),
        query.limit(), Asset::id));
  }

  @Override
  public void forEachStored(AssetQuery query, Consumer<StoredAsset> sink) {
    String cursor = query.cursor();
    do {
      AssetQuery page = query.page(cursor, query.limit());
      cursor = tx.read(h -> dialect.inSnapshot(h, t -> StoredAssets.page(t, dialect, page, StoredAssets.PAGE, sink)));
    } while (cursor != null);
  }

  @Override
  public int update(String projectId, Collection<String> externalIds, AssetStatus status, Integer priority) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(externalIds));
    if (ids.isEmpty()) {
      return 0;
    }
    List<String> sets = new ArrayList<>();
    if (status != null) {
      sets.add("status = :status");
      if (status != AssetStatus.ONGOING) {
        sets.add("locked_by = NULL");
        sets.add("locked_until = NULL");
      }
    }
    if (priority != null) {
      sets.add("priority = :priority");
    }
    long project = Ids.parse(projectId);
    if (sets.isEmpty()) { // nothing to change: only count what exists
      return tx.read(
          h -> {
            int found = 0;
            for (String e : ids) {
              found += h.createQuery("SELECT COUNT(*) FROM assets WHERE project_id = :projectId AND external_id = :e")
                  .bind("projectId", project)
                  .bind("e", e)
                  .mapTo(Integer.class)
                  .one();
            }
            return found;
          });
    }
    String sql = "UPDATE assets SET " + String.join(", ", sets) + " WHERE project_id = :projectId AND external_id = :e";
    return tx.write(
        h -> {
          var batch = h.prepareBatch(sql);
          for (String e : ids) {
            batch.bind("projectId", project).bind("e", e);
            if (status != null) {
              batch.bind("status", status.name());
            }
            if (priority != null) {
              batch.bind("priority", priority.intValue());
            }
            batch.add();
          }
          int found = 0;
          for (int count : batch.execute()) {
            found += Math.max(count, 0);
          }
          return found;
        });
  }

  @Override
  public void setStatus(String assetId, AssetStatus status) {
    String sql =
        status == AssetStatus.ONGOING
            ? "UPDATE assets SET status = :status WHERE id = :id"
            : "UPDATE assets SET status = :status, locked_by = NULL, locked_until = NULL WHERE id = :id";
    tx.write(h -> tx.plain().update(h, sql, p -> p.set("status", status.name()).set("id", Ids.parse(assetId))));
  }

  @Override
  public Optional<Asset> claimNext(String projectId, String userId, Instant now, Instant lockUntil) {
    long project = Ids.parse(projectId);
    long user = Ids.parse(userId);
    return tx.write(
        h -> {
          Optional<Long> id = tx.plain().one(h, claimCandidate,
              p -> p.set("userId", user).set("projectId", project).set("now", now.toEpochMilli()), rs -> rs.getLong(1));
          if (id.isEmpty()) {
            return Optional.empty();
          }
          return tx.plain().one(h, CLAIM,
              p -> p.set("userId", user).set("until", lockUntil.toEpochMilli()).set("id", id.get()),
              SqlAssetRepository::map);
        });
  }

  @Override
  public void release(String assetId, String userId) {
    tx.write(
        h ->
            h.createUpdate(
                    """
                    UPDATE assets SET locked_by = NULL, locked_until = NULL,
                      status = CASE WHEN status = 'ONGOING' THEN 'TODO' ELSE status END
                    WHERE id = :id AND locked_by = :userId""")
                .bind("id", Ids.parse(assetId))
                .bind("userId", Ids.parse(userId))
                .execute());
  }

  static Asset map(ResultSet rs) throws SQLException {
    return new Asset(
        Long.toString(rs.getLong("id")),
        Long.toString(rs.getLong("project_id")),
        rs.getString("external_id"),
        rs.getString("content"),
        Json.read(rs.getString("metadata")),
        AssetStatus.valueOf(rs.getString("status")),
        rs.getInt("priority"),
        rs.getDouble("queue_score"),
        rs.getBoolean("is_honeypot"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
