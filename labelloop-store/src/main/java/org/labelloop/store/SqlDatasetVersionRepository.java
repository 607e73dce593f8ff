package org.labelloop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.labelloop.core.port.DatasetVersionRepository;
import org.labelloop.core.version.DatasetVersion;
import org.labelloop.core.version.VersionItem;

final class SqlDatasetVersionRepository implements DatasetVersionRepository {
  private static final String COLUMNS =
      "v.id, v.project_id, v.name, v.created_at, v.created_by, v.model_version,"
          + " (SELECT COUNT(*) FROM dataset_version_items i WHERE i.version_id = v.id) AS asset_count";

  private final Tx tx;

  SqlDatasetVersionRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public DatasetVersion create(String projectId, String name, String createdBy, String modelVersion, Instant now) {
    long id =
        tx.write(
            h ->
                h.createQuery(
                        "INSERT INTO dataset_versions (project_id, name, created_at, created_by, model_version)"
                            + " VALUES (:projectId, :name, :now, :createdBy, :model) RETURNING id")
                    .bind("projectId", Ids.parse(projectId))
                    .bind("name", name)
                    .bind("now", now.toEpochMilli())
                    .bind("createdBy", Ids.parseNullable(createdBy))
                    .bind("model", modelVersion)
                    .mapTo(Long.class)
                    .one());
    return new DatasetVersion(Long.toString(id), projectId, name, Instant.ofEpochMilli(now.toEpochMilli()), createdBy, modelVersion, 0);
  }

  @Override
  public void addItems(String versionId, List<VersionItem> items) {
    if (items.isEmpty()) {
      return;
    }
    tx.write(
        h -> {
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO dataset_version_items (version_id, external_id, asset_id, label_id, json_response)"
                      + " VALUES (:versionId, :externalId, :assetId, :labelId, :json)");
          for (VersionItem item : items) {
            batch
                .bind("versionId", Ids.parse(versionId))
                .bind("externalId", item.externalId())
                .bind("assetId", Ids.parse(item.assetId()))
                .bind("labelId", Ids.parseNullable(item.labelId()))
                .bind("json", Json.write(item.answer()))
                .add();
          }
          return batch.execute();
        });
  }

  @Override
  public Optional<DatasetVersion> find(String projectId, String versionId) {
    return tx.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM dataset_versions v WHERE v.project_id = :projectId AND v.id = :id")
                .bind("projectId", Ids.parse(projectId))
                .bind("id", Ids.parse(versionId))
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public Optional<DatasetVersion> findByName(String projectId, String name) {
    return tx.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM dataset_versions v WHERE v.project_id = :projectId AND v.name = :name")
                .bind("projectId", Ids.parse(projectId))
                .bind("name", name)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public List<DatasetVersion> list(String projectId) {
    return tx.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM dataset_versions v WHERE v.project_id = :projectId ORDER BY v.id")
                .bind("projectId", Ids.parse(projectId))
                .map((rs, ctx) -> map(rs))
                .list());
  }

  @Override
  public List<VersionItem> items(String versionId, String afterExternalId, int limit) {
    return tx.read(
        h ->
            h.createQuery(
                    "SELECT external_id, asset_id, label_id, json_response FROM dataset_version_items"
                        + " WHERE version_id = :versionId AND external_id > :after ORDER BY external_id LIMIT :n")
                .bind("versionId", Ids.parse(versionId))
                .bind("after", afterExternalId == null ? "" : afterExternalId)
                .bind("n", limit)
                .map(
                    (rs, ctx) -> {
                      long labelId = rs.getLong("label_id");
                      String label = rs.wasNull() ? null : Long.toString(labelId);
                      return new VersionItem(
                          Long.toString(rs.getLong("asset_id")), rs.getString("external_id"), label, Json.read(rs.getString("json_response")));
                    })
                .list());
  }

  private static DatasetVersion map(ResultSet rs) throws SQLException {
    long createdBy = rs.getLong("created_by");
    String creator = rs.wasNull() ? null : Long.toString(createdBy);
    return new DatasetVersion(
        Long.toString(rs.getLong("id")),
        Long.toString(rs.getLong("project_id")),
        rs.getString("name"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        creator,
        rs.getString("model_version"),
        rs.getLong("asset_count"));
  }
}
