package org.labelloop.store;

import java.time.Instant;
import java.util.List;
import org.labelloop.core.port.ImportRepository;

/** The {@code running_imports} table and the assets that carry an import's id. */
final class SqlImportRepository implements ImportRepository {
  private final Tx tx;

  SqlImportRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public String begin(String projectId, Instant now) {
    long id = tx.write(h -> h.createQuery(
            "INSERT INTO running_imports (project_id, started_at, heartbeat_at) VALUES (:projectId, :now, :now) RETURNING id")
        .bind("projectId", Ids.parse(projectId))
        .bind("now", now.toEpochMilli())
        .mapTo(Long.class)
        .one());
    return Long.toString(id);
  }

  @Override
  public void heartbeat(String importId, Instant now) {
    tx.write(h -> h.createUpdate("UPDATE running_imports SET heartbeat_at = :now WHERE id = :id")
        .bind("now", now.toEpochMilli())
        .bind("id", Ids.parse(importId))
        .execute());
  }

  @Override
  public int deleteAssets(String importId, int limit) {
    return tx.write(h -> h.createUpdate(
            "DELETE FROM assets WHERE id IN (SELECT id FROM assets WHERE import_id = :id AND project_id ="
                + " (SELECT project_id FROM running_imports WHERE id = :id) LIMIT :limit)")
        .bind("id", Ids.parse(importId))
        .bind("limit", limit)
        .execute());
  }

  @Override
  public void end(String importId) {
    tx.write(h -> h.createUpdate("DELETE FROM running_imports WHERE id = :id").bind("id", Ids.parse(importId)).execute());
  }

  @Override
  public List<String> abandoned(Instant cutoff) {
    return tx.read(h -> h.createQuery("SELECT id FROM running_imports WHERE heartbeat_at < :cutoff ORDER BY id")
        .bind("cutoff", cutoff.toEpochMilli())
        .mapTo(Long.class)
        .map(String::valueOf)
        .list());
  }
}
