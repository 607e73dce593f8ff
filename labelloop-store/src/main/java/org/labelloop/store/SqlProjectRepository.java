package org.labelloop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.port.Page;
import org.labelloop.core.port.ProjectRepository;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.core.project.ProjectStats;

final class SqlProjectRepository implements ProjectRepository {
  private static final String COLUMNS =
      "p.id, p.title, p.description, p.instructions, p.input_type, p.json_interface, p.created_at, p.updated_at";

  private final Tx tx;

  SqlProjectRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public Project create(ProjectDraft draft, Instant now) {
    long id =
        tx.write(
            h ->
                h.createQuery(
                        """
                        INSERT INTO projects (title, description, instructions, input_type, json_interface, created_at, updated_at)
                        VALUES (:title, :description, :instructions, :inputType, :json, :now, :now) RETURNING id""")
                    .bind("title", draft.title())
                    .bind("description", draft.description())
                    .bind("instructions", draft.instructions())
                    .bind("inputType", draft.inputType().name())
                    .bind("json", Json.write(draft.jsonInterface().json()))
                    .bind("now", now.toEpochMilli())
                    .mapTo(Long.class)
                    .one());
    Instant stored = Instant.ofEpochMilli(now.toEpochMilli());
    return new Project(
        Long.toString(id), draft.title(), draft.description(), draft.instructions(), draft.inputType(), draft.jsonInterface(),
        stored, stored);
  }

  @Override
  public Optional<Project> find(String projectId) {
    return tx.read(h -> find(h, Ids.parse(projectId)));
  }

  private static Optional<Project> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM projects p WHERE p.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  @Override
  public Page<Project> list(String memberUserId, String cursor, int limit) {
    int n = Ids.limit(limit);
    long after = Ids.cursor(cursor);
    String member =
        memberUserId == null
            ? ""
            : " AND EXISTS (SELECT 1 FROM members m WHERE m.project_id = p.id AND m.user_id = :userId)";
    return tx.read(
        h -> {
          var query =
              h.createQuery("SELECT " + COLUMNS + " FROM projects p WHERE p.id > :after" + member + " ORDER BY p.id LIMIT :n")
                  .bind("after", after)
                  .bind("n", n + 1);
          if (memberUserId != null) {
            query.bind("userId", Ids.parse(memberUserId));
          }
          return Ids.page(query.map((rs, ctx) -> map(rs)).list(), n, Project::id);
        });
  }

  @Override
  public Project update(Project project, Instant now) {
    return tx.write(
        h -> {
          int updated =
              h.createUpdate(
                      """
                      UPDATE projects SET title = :title, description = :description, instructions = :instructions,
                        input_type = :inputType, json_interface = :json, updated_at = :now
                      WHERE id = :id""")
                  .bind("title", project.title())
                  .bind("description", project.description())
                  .bind("instructions", project.instructions())
                  .bind("inputType", project.inputType().name())
                  .bind("json", Json.write(project.jsonInterface().json()))
                  .bind("now", now.toEpochMilli())
                  .bind("id", Ids.parse(project.id()))
                  .execute();
          if (updated == 0) {
            throw LabelloopException.notFound("project " + project.id());
          }
          return find(h, Ids.parse(project.id())).orElseThrow();
        });
  }

  @Override
  public void delete(String projectId) {
    tx.write(h -> h.createUpdate("DELETE FROM projects WHERE id = :id").bind("id", Ids.parse(projectId)).execute());
  }

  @Override
  public ProjectStats stats(String projectId) {
    long id = Ids.parse(projectId);
    return tx.read(
        h -> {
          Map<AssetStatus, Long> byStatus = new EnumMap<>(AssetStatus.class);
          for (AssetStatus s : AssetStatus.values()) {
            byStatus.put(s, 0L);
          }
          h.createQuery("SELECT status, COUNT(*) AS n FROM assets WHERE project_id = :id GROUP BY status")
              .bind("id", id)
              .map((rs, ctx) -> Map.entry(AssetStatus.valueOf(rs.getString("status")), rs.getLong("n")))
              .forEach(e -> byStatus.put(e.getKey(), e.getValue()));
          Map<LabelType, Long> byType = new EnumMap<>(LabelType.class);
          for (LabelType t : LabelType.values()) {
            byType.put(t, 0L);
          }
          h.createQuery("SELECT label_type, COUNT(*) AS n FROM labels WHERE project_id = :id GROUP BY label_type")
              .bind("id", id)
              .map((rs, ctx) -> Map.entry(LabelType.valueOf(rs.getString("label_type")), rs.getLong("n")))
              .forEach(e -> byType.put(e.getKey(), e.getValue()));
          long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
          return new ProjectStats(total, byStatus, byType);
        });
  }

  private static Project map(ResultSet rs) throws SQLException {
    return new Project(
        Long.toString(rs.getLong("id")),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("instructions"),
        InputType.valueOf(rs.getString("input_type")),
        JsonInterface.parse(Json.read(rs.getString("json_interface"))),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
