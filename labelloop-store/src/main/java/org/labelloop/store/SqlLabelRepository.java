package org.labelloop.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.port.LabelRepository;
import org.labelloop.core.port.Page;

final class SqlLabelRepository implements LabelRepository {
  private static final String COLUMNS =
      "l.id, l.project_id, l.asset_id, l.author_id, l.label_type, l.json_response, l.model_version, l.created_at,"
          + " l.seconds_to_label, l.skipped";
  /** Ids per IN list: well under SQLite's and PostgreSQL's parameter limits. */
  private static final int CHUNK = 500;
  private static final String INSERT_COLUMNS =
      "INSERT INTO labels (project_id, asset_id, author_id, label_type, json_response, model_version, created_at,"
          + " seconds_to_label, skipped)";
  private static final String INSERT =
      INSERT_COLUMNS + " VALUES (:projectId, :assetId, :authorId, :type, :json, :modelVersion, :now, :seconds, :skipped)";
  /**
   * Resolves the asset in the statement by its whole unique (project, external id) key, which PostgreSQL plans as one
   * index probe even without statistics. A lookup of a batch by an IN list was planned on the project alone while an
   * import grows the table inside its one transaction, reading every asset of the project per batch (see BENCHMARKS.md).
   */
  private static final String INSERT_BY_EXTERNAL_ID =
      INSERT_COLUMNS
          + " SELECT a.project_id, a.id, :authorId, :type, :json, :modelVersion, :now, :seconds, :skipped FROM assets a"
          + " WHERE a.project_id = :projectId AND a.external_id = :externalId";

  /** The statement for each padded size of an IN list of asset ids. */
  private static final Map<Integer, String> FOR_ASSETS = new java.util.concurrent.ConcurrentHashMap<>();

  private final Tx tx;

  SqlLabelRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public Label insert(String projectId, String assetId, String authorId, LabelDraft draft, Instant now) {
    long id = tx.write(h -> tx.plain().one(h, INSERT + " RETURNING id",
        p -> p.set("projectId", Ids.parse(projectId))
            .set("assetId", Ids.parse(assetId))
            .set("authorId", Ids.parseNullable(authorId))
            .set("type", draft.labelType().name())
            .set("json", Json.write(draft.jsonResponse()))
            .set("modelVersion", draft.modelVersion())
            .set("now", now.toEpochMilli())
            .set("seconds", draft.secondsToLabel())
            .set("skipped", draft.skipped()),
        rs -> rs.getLong(1))).orElseThrow();
    return new Label(
        Long.toString(id),
        projectId,
        assetId,
        authorId,
        draft.labelType(),
        draft.jsonResponse(),
        draft.modelVersion(),
        Instant.ofEpochMilli(now.toEpochMilli()),
        draft.secondsToLabel(),
        draft.skipped());
  }

  /** One prepared statement, one JDBC batch: no round trip per label. */
  @Override
  public boolean[] insertAll(String projectId, String authorId, List<LabelDraft> drafts, Instant now) {
    if (drafts.isEmpty()) {
      return new boolean[0];
    }
    int[] counts =
        tx.write(
            h -> {
              PreparedBatch batch = h.prepareBatch(INSERT_BY_EXTERNAL_ID);
              for (LabelDraft draft : drafts) {
                String externalId = Objects.requireNonNull(draft.assetExternalId(), "assetExternalId");
                bind(batch, projectId, authorId, draft, now).bind("externalId", externalId).add();
              }
              return batch.execute();
            });
    boolean[] inserted = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      inserted[i] = counts[i] > 0;
    }
    return inserted;
  }

  /** Binds what a batch insert stores besides the asset ({@link #insert} binds the same parameters on plain JDBC). */
  private static <S extends SqlStatement<S>> S bind(S statement, String projectId, String authorId, LabelDraft draft, Instant now) {
    return statement
        .bind("projectId", Ids.parse(projectId))
        .bind("authorId", Ids.parseNullable(authorId))
        .bind("type", draft.labelType().name())
        .bind("json", Json.write(draft.jsonResponse()))
        .bind("modelVersion", draft.modelVersion())
        .bind("now", now.toEpochMilli())
        .bind("seconds", draft.secondsToLabel())
        .bind("skipped", draft.skipped());
  }

  @Override
  public Page<Label> list(String projectId, LabelType type, String assetId, String authorId, String cursor, int limit) {
    int n = Ids.limit(limit);
    long after = Ids.cursor(cursor);
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM labels l WHERE l.project_id = :projectId AND l.id > :after");
    if (type != null) {
      sql.append(" AND l.label_type = :type");
    }
    if (assetId != null) {
      sql.append(" AND l.asset_id = :assetId");
    }
    if (authorId != null) {
      sql.append(" AND l.author_id = :authorId");
    }
    sql.append(" ORDER BY l.id LIMIT :n");
    return tx.read(
        h -> {
          var q = h.createQuery(sql.toString()).bind("projectId", Ids.parse(projectId)).bind("after", after).bind("n", n + 1);
          if (type != null) {
            q.bind("type", type.name());
          }
          if (assetId != null) {
            q.bind("assetId", Ids.parse(assetId));
          }
          if (authorId != null) {
            q.bind("authorId", Ids.parse(authorId));
          }
          return Ids.page(q.map((rs, ctx) -> map(rs)).list(), n, Label::id);
        });
  }

  /** Every requested asset id is a key (with an empty list when it has no labels), in the order given. */
  @Override
  public Map<String, List<Label>> forAssets(Collection<String> assetIds) {
    List<Long> ids = assetIds.stream().map(Ids::parse).filter(id -> id >= 0).distinct().toList();
    Map<Long, List<Label>> found = new java.util.HashMap<>();
    tx.read(
        h -> {
          for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(from + CHUNK, ids.size()));
            // pad to a few fixed sizes (repeating the last id) so the statement text repeats and stays cached
            int size = chunk.size() <= 1 ? 1 : chunk.size() <= 16 ? 16 : chunk.size() <= 100 ? 100 : CHUNK;
            String sql = FOR_ASSETS.computeIfAbsent(size, n -> "SELECT " + COLUMNS + " FROM labels l WHERE l.asset_id IN ("
                + String.join(",", java.util.stream.IntStream.range(0, n).mapToObj(i -> ":a" + i).toList()) + ") ORDER BY l.asset_id, l.id");
            tx.plain().list(h, sql, p -> {
                  for (int i = 0; i < size; i++) {
                    p.set("a" + i, chunk.get(Math.min(i, chunk.size() - 1)).longValue());
                  }
                }, SqlLabelRepository::map)
                .forEach(label -> found.computeIfAbsent(Long.parseLong(label.assetId()), k -> new ArrayList<>()).add(label));
          }
          return null;
        });
    Map<String, List<Label>> byAsset = new LinkedHashMap<>();
    for (String assetId : assetIds) {
      byAsset.put(assetId, List.copyOf(found.getOrDefault(Ids.parse(assetId), List.of())));
    }
    return byAsset;
  }

  @Override
  public void humanAnswersContaining(String projectId, Collection<String> fragments, Consumer<JsonNode> each) {
    if (fragments.isEmpty()) return;
    List<String> likes = fragments.stream()
        .map(f -> Json.write(TextNode.valueOf(f))) // as the stored JSON spells it, without its quotes
        .map(f -> "%" + f.substring(1, f.length() - 1).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%").toList();
    String sql = "SELECT json_response FROM labels WHERE project_id = :projectId AND label_type IN ('DEFAULT', 'REVIEW')"
        + " AND NOT skipped AND (" + String.join(" OR ", java.util.stream.IntStream.range(0, likes.size())
            .mapToObj(i -> "json_response LIKE :f" + i + " ESCAPE '!'").toList()) + ") ORDER BY id";
    tx.read(h -> {
      var q = h.createQuery(sql).bind("projectId", Ids.parse(projectId));
      for (int i = 0; i < likes.size(); i++) q.bind("f" + i, likes.get(i));
      q.mapTo(String.class).useStream(rows -> rows.forEach(json -> each.accept(Json.read(json))));
      return null;
    });
  }

  static Label map(ResultSet rs) throws SQLException {
    long author = rs.getLong("author_id");
    String authorId = rs.wasNull() ? null : Long.toString(author);
    double seconds = rs.getDouble("seconds_to_label");
    Double secondsToLabel = rs.wasNull() ? null : seconds;
    return new Label(
        Long.toString(rs.getLong("id")),
        Long.toString(rs.getLong("project_id")),
        Long.toString(rs.getLong("asset_id")),
        authorId,
        LabelType.valueOf(rs.getString("label_type")),
        Json.read(rs.getString("json_response")),
        rs.getString("model_version"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        secondsToLabel,
        rs.getBoolean("skipped"));
  }
}
