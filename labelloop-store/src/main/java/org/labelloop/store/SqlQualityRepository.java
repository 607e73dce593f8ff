package org.labelloop.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.labelloop.core.port.Page;
import org.labelloop.core.quality.QualityRepository;

/** Quality settings, marks, honeypot scores and review comments (issue 7); the honeypot and send-back queue probes. */
final class SqlQualityRepository implements QualityRepository {
  private static final String NOT_ANSWERED =
      "NOT EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.author_id = :u"
          + " AND (l.label_type = 'DEFAULT' OR l.skipped = TRUE))";
  private static final String COMMENT_COLUMNS = "id, asset_id, author_id, to_user_id, comment, created_at, resolved_at";

  private final Tx tx;

  SqlQualityRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public Optional<JsonNode> settings(String projectId) {
    return tx.read(h -> h.createQuery("SELECT settings FROM quality_settings WHERE project_id = :p")
        .bind("p", Ids.parse(projectId)).mapTo(String.class).findOne().map(Json::read));
  }

  @Override
  public void saveSettings(String projectId, JsonNode settings, Instant now) {
    tx.write(h -> h.createUpdate(
            """
            INSERT INTO quality_settings (project_id, settings, updated_at) VALUES (:p, :s, :now)
            ON CONFLICT (project_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at""")
        .bind("p", Ids.parse(projectId)).bind("s", Json.write(settings)).bind("now", now.toEpochMilli()).execute());
  }

  @Override
  public void saveAssetMarks(String projectId, String assetId, int labelers, Double consensusMark, Double honeypotMark, Instant now) {
    tx.write(h -> h.createUpdate(
            """
            INSERT INTO asset_quality (asset_id, project_id, labelers, consensus_mark, honeypot_mark, updated_at)
            VALUES (:a, :p, :n, :c, :h, :now)
            ON CONFLICT (asset_id) DO UPDATE SET labelers = excluded.labelers, consensus_mark = excluded.consensus_mark,
              honeypot_mark = excluded.honeypot_mark, updated_at = excluded.updated_at""")
        .bind("a", Ids.parse(assetId)).bind("p", Ids.parse(projectId)).bind("n", labelers)
        .bindByType("c", consensusMark, Double.class).bindByType("h", honeypotMark, Double.class)
        .bind("now", now.toEpochMilli()).execute());
  }

  @Override
  public void replaceHoneypotMarks(String projectId, String assetId, List<HoneypotMark> marks) {
    long asset = Ids.parse(assetId);
    tx.write(h -> {
      h.createUpdate("DELETE FROM honeypot_marks WHERE asset_id = :a").bind("a", asset).execute();
      if (!marks.isEmpty()) {
        var batch = h.prepareBatch(
            "INSERT INTO honeypot_marks (label_id, project_id, asset_id, author_id, mark, created_at) VALUES (:l, :p, :a, :u, :m, :t)");
        for (HoneypotMark m : marks) {
          batch.bind("l", Ids.parse(m.labelId())).bind("p", Ids.parse(projectId)).bind("a", asset)
              .bindByType("u", Ids.parseNullable(m.authorId()), Long.class).bind("m", m.mark())
              .bind("t", m.createdAt().toEpochMilli()).add();
        }
        batch.execute();
      }
      return null;
    });
  }

  @Override
  public List<HoneypotMark> honeypotMarks(String projectId) {
    return tx.read(h -> h.createQuery(
            "SELECT label_id, asset_id, author_id, mark, created_at FROM honeypot_marks WHERE project_id = :p ORDER BY created_at, label_id")
        .bind("p", Ids.parse(projectId))
        .map((rs, ctx) -> new HoneypotMark(rs.getString("label_id"), rs.getString("asset_id"), id(rs, "author_id"),
            rs.getDouble("mark"), Instant.ofEpochMilli(rs.getLong("created_at"))))
        .list());
  }

  @Override
  public Page<AssetMarks> assetMarks(
      String projectId, Double consensusLt, Double honeypotLt, Double inferenceLt, String cursor, int limit) {
    int n = Ids.limit(limit);
    StringBuilder sql = new StringBuilder(
        """
        SELECT * FROM (
          SELECT a.id, a.external_id, a.status, a.is_honeypot, q.consensus_mark, q.honeypot_mark,
            (SELECT COUNT(DISTINCT l.author_id) FROM labels l WHERE l.asset_id = a.id AND l.label_type = 'DEFAULT'
             AND l.skipped = FALSE) AS labelers,
            (SELECT l.inference_mark FROM labels l WHERE l.asset_id = a.id AND l.inference_mark IS NOT NULL
             ORDER BY l.id DESC LIMIT 1) AS inference_mark
          FROM assets a LEFT JOIN asset_quality q ON q.asset_id = a.id
          WHERE a.project_id = :p AND a.id > :after""");
    if (consensusLt != null) sql.append(" AND q.consensus_mark < :c");
    if (honeypotLt != null) sql.append(" AND q.honeypot_mark < :h");
    sql.append(") m");
    if (inferenceLt != null) sql.append(" WHERE m.inference_mark < :i");
    sql.append(" ORDER BY m.id LIMIT :n");
    List<AssetMarks> rows = tx.read(h -> {
      var q = h.createQuery(sql.toString()).bind("p", Ids.parse(projectId)).bind("after", Ids.cursor(cursor)).bind("n", n + 1);
      if (consensusLt != null) q.bind("c", consensusLt.doubleValue());
      if (honeypotLt != null) q.bind("h", honeypotLt.doubleValue());
      if (inferenceLt != null) q.bind("i", inferenceLt.doubleValue());
      return q.map((rs, ctx) -> new AssetMarks(rs.getString("id"), rs.getString("external_id"), rs.getString("status"),
          rs.getBoolean("is_honeypot"), rs.getInt("labelers"), dbl(rs, "consensus_mark"), dbl(rs, "honeypot_mark"),
          dbl(rs, "inference_mark"))).list();
    });
    return Ids.page(rows, n, AssetMarks::assetId);
  }

  @Override
  public Optional<String> nextHoneypot(String projectId, String userId) {
    return tx.read(h -> h.createQuery(
            "SELECT a.id FROM assets a WHERE a.project_id = :p AND a.is_honeypot = TRUE"
                + " AND EXISTS (SELECT 1 FROM labels r WHERE r.asset_id = a.id AND r.label_type = 'REVIEW' AND r.skipped = FALSE)"
                + " AND " + NOT_ANSWERED + " ORDER BY a.id LIMIT 1")
        .bind("p", Ids.parse(projectId)).bind("u", Ids.parse(userId)).mapTo(String.class).findOne());
  }

  @Override
  public int setHoneypot(String projectId, Collection<String> externalIds, boolean honeypot) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(externalIds));
    return tx.write(h -> {
      int n = 0;
      for (String e : ids) {
        n += h.createUpdate("UPDATE assets SET is_honeypot = :v WHERE project_id = :p AND external_id = :e")
            .bind("v", honeypot).bind("p", Ids.parse(projectId)).bind("e", e).execute();
      }
      return n;
    });
  }

  @Override
  public void lockTo(String assetId, String userId, Instant until) {
    tx.write(h -> h.createUpdate("UPDATE assets SET status = 'ONGOING', locked_by = :u, locked_until = :t WHERE id = :a")
        .bind("u", Ids.parse(userId)).bind("t", until.toEpochMilli()).bind("a", Ids.parse(assetId)).execute());
  }

  @Override
  public ReviewComment addComment(String projectId, String assetId, String authorId, String toUserId, String comment, Instant now) {
    return tx.write(h -> h.createQuery(
            "INSERT INTO review_comments (project_id, asset_id, author_id, to_user_id, comment, created_at)"
                + " VALUES (:p, :a, :au, :to, :c, :now) RETURNING " + COMMENT_COLUMNS)
        .bind("p", Ids.parse(projectId)).bind("a", Ids.parse(assetId))
        .bindByType("au", Ids.parseNullable(authorId), Long.class).bindByType("to", Ids.parseNullable(toUserId), Long.class)
        .bind("c", comment).bind("now", now.toEpochMilli())
        .map((rs, ctx) -> comment(rs)).one());
  }

  @Override
  public List<ReviewComment> comments(String assetId) {
    return tx.read(h -> h.createQuery("SELECT " + COMMENT_COLUMNS + " FROM review_comments WHERE asset_id = :a ORDER BY id")
        .bind("a", Ids.parse(assetId)).map((rs, ctx) -> comment(rs)).list());
  }

  @Override
  public Set<String> openSendBackUsers(String projectId) {
    return tx.read(h -> h.createQuery("SELECT DISTINCT to_user_id FROM review_comments WHERE project_id = :p AND to_user_id IS NOT NULL AND resolved_at IS NULL")
        .bind("p", Ids.parse(projectId)).mapTo(Long.class).stream().map(String::valueOf).collect(Collectors.toSet()));
  }

  @Override
  public Optional<String> openSendBack(String projectId, String userId) {
    return tx.read(h -> h.createQuery(
            "SELECT asset_id FROM review_comments WHERE project_id = :p AND to_user_id = :u AND resolved_at IS NULL ORDER BY id LIMIT 1")
        .bind("p", Ids.parse(projectId)).bind("u", Ids.parse(userId)).mapTo(String.class).findOne());
  }

  @Override
  public void resolveSendBacks(String assetId, String userId, Instant now) {
    tx.write(h -> h.createUpdate(
            "UPDATE review_comments SET resolved_at = :now WHERE asset_id = :a AND to_user_id = :u AND resolved_at IS NULL")
        .bind("now", now.toEpochMilli()).bind("a", Ids.parse(assetId)).bind("u", Ids.parse(userId)).execute());
  }

  private static ReviewComment comment(ResultSet rs) throws SQLException {
    long resolved = rs.getLong("resolved_at");
    Instant resolvedAt = rs.wasNull() ? null : Instant.ofEpochMilli(resolved);
    return new ReviewComment(rs.getString("id"), rs.getString("asset_id"), id(rs, "author_id"), id(rs, "to_user_id"),
        rs.getString("comment"), Instant.ofEpochMilli(rs.getLong("created_at")), resolvedAt);
  }

  private static String id(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Long.toString(v);
  }

  private static Double dbl(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
