package org.labelloop.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labelloop.core.learning.EmbeddingRepository;

/** Stored embeddings (sentences, images, audio): one row per asset, the vector as float32 little-endian bytes (BLOB / bytea). */
final class SqlEmbeddingRepository implements EmbeddingRepository {
  private final Tx tx;

  SqlEmbeddingRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public List<PendingAsset> withoutEmbedding(String model, String afterAssetId, int limit) {
    return tx.read(h -> h.createQuery(
            """
            SELECT a.id, a.project_id, a.content FROM assets a JOIN projects p ON p.id = a.project_id
            WHERE p.input_type = 'TEXT' AND a.id > :after
              AND NOT EXISTS (SELECT 1 FROM asset_embeddings e WHERE e.asset_id = a.id AND e.model = :m)
            ORDER BY a.id LIMIT :n""")
        .bind("after", afterAssetId == null ? 0L : Ids.parse(afterAssetId)).bind("m", model).bind("n", limit)
        .map((rs, ctx) -> new PendingAsset(Long.toString(rs.getLong(2)), Long.toString(rs.getLong(1)), rs.getString(3)))
        .list());
  }

  @Override
  public List<PendingAsset> mediaWithoutEmbedding(String afterAssetId, int limit) {
    return tx.read(h -> h.createQuery(
            """
            SELECT a.id, a.project_id, a.content FROM assets a JOIN projects p ON p.id = a.project_id
            WHERE p.input_type IN ('IMAGE', 'AUDIO') AND a.id > :after
              AND NOT EXISTS (SELECT 1 FROM asset_embeddings e WHERE e.asset_id = a.id)
            ORDER BY a.id LIMIT :n""")
        .bind("after", afterAssetId == null ? 0L : Ids.parse(afterAssetId)).bind("n", limit)
        .map((rs, ctx) -> new PendingAsset(Long.toString(rs.getLong(2)), Long.toString(rs.getLong(1)), rs.getString(3)))
        .list());
  }

  @Override
  public int drop(String projectId) {
    return tx.write(h -> h.createUpdate("DELETE FROM asset_embeddings WHERE asset_id IN (SELECT id FROM assets WHERE project_id = :p)")
        .bind("p", Ids.parse(projectId)).execute());
  }

  /** Skips assets deleted since they were read (the SELECT finds no row), instead of failing the batch. */
  @Override
  public void save(String model, List<AssetVector> vectors, Instant now) {
    if (vectors.isEmpty()) return;
    tx.write(h -> {
      var batch = h.prepareBatch(
          """
          INSERT INTO asset_embeddings (asset_id, model, dimension, vector, created_at)
          SELECT :a, :m, :d, :v, :now WHERE EXISTS (SELECT 1 FROM assets WHERE id = :a)
          ON CONFLICT (asset_id) DO UPDATE SET model = excluded.model, dimension = excluded.dimension,
            vector = excluded.vector, created_at = excluded.created_at""");
      for (AssetVector v : vectors) {
        batch.bind("a", Ids.parse(v.assetId())).bind("m", model).bind("d", v.vector().length)
            .bind("v", bytes(v.vector())).bind("now", now.toEpochMilli()).add();
      }
      return batch.execute();
    });
  }

  /** Lapsed claims are swept first (their work is done, or its worker died and it is claimed anew here). */
  @Override
  public List<String> claim(String work, List<String> itemIds, String worker, Instant now, Instant until) {
    if (itemIds.isEmpty()) return List.of();
    return tx.write(h -> {
      h.createUpdate("DELETE FROM work_claims WHERE work = :w AND expires_at < :now")
          .bind("w", work).bind("now", now.toEpochMilli()).execute();
      var batch = h.prepareBatch(
          """
          INSERT INTO work_claims (work, item_id, worker, expires_at) VALUES (:w, :i, :worker, :until)
          ON CONFLICT (work, item_id) DO UPDATE SET expires_at = excluded.expires_at
          WHERE work_claims.worker = excluded.worker""");
      for (String id : itemIds) {
        batch.bind("w", work).bind("i", Ids.parse(id)).bind("worker", worker).bind("until", until.toEpochMilli())
            .bind("now", now.toEpochMilli()).add();
      }
      int[] counts = batch.execute();
      List<String> claimed = new java.util.ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) claimed.add(itemIds.get(i));
      }
      return claimed;
    });
  }

  @Override
  public boolean anyVector(String projectId) {
    return tx.read(h -> h.createQuery(
            "SELECT EXISTS (SELECT 1 FROM asset_embeddings e JOIN assets a ON a.id = e.asset_id WHERE a.project_id = :p)")
        .bind("p", Ids.parse(projectId)).map((rs, ctx) -> rs.getBoolean(1)).one());
  }

  @Override
  public Optional<String> completeModel(String projectId) {
    return tx.read(h -> h.createQuery(
            """
            SELECT COUNT(*), COUNT(e.asset_id), MIN(e.model), MAX(e.model)
            FROM assets a LEFT JOIN asset_embeddings e ON e.asset_id = a.id WHERE a.project_id = :p""")
        .bind("p", Ids.parse(projectId))
        .map((rs, ctx) -> {
          long assets = rs.getLong(1), embedded = rs.getLong(2);
          String min = rs.getString(3), max = rs.getString(4);
          return assets > 0 && embedded == assets && min.equals(max) ? Optional.of(min) : Optional.<String>empty();
        })
        .one());
  }

  @Override
  public Map<String, float[]> vectors(String projectId, String model, boolean todoOnly) {
    String sql = "SELECT e.asset_id, e.vector FROM asset_embeddings e JOIN assets a ON a.id = e.asset_id"
        + " WHERE a.project_id = :p AND e.model = :m" + (todoOnly ? " AND a.status = 'TODO'" : "") + " ORDER BY e.asset_id";
    return tx.read(h -> {
      Map<String, float[]> out = new LinkedHashMap<>();
      h.createQuery(sql).bind("p", Ids.parse(projectId)).bind("m", model)
          .map((rs, ctx) -> Map.entry(Long.toString(rs.getLong(1)), floats(rs.getBytes(2))))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    });
  }

  @Override
  public Optional<ModelVector> vector(String assetId) {
    return tx.read(h -> h.createQuery("SELECT model, vector FROM asset_embeddings WHERE asset_id = :a")
        .bind("a", Ids.parse(assetId))
        .map((rs, ctx) -> new ModelVector(rs.getString(1), floats(rs.getBytes(2)))).findOne());
  }

  static byte[] bytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static float[] floats(byte[] bytes) {
    float[] v = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}
