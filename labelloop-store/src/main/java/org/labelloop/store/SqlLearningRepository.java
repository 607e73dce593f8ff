package org.labelloop.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labelloop.core.learning.LearningRepository;
import org.labelloop.core.learning.ModelVersion;
import org.labelloop.core.learning.TrainingJob;
import org.labelloop.core.port.Page;

/** The learning loop's tables: settings, the training job queue, model versions; bulk prediction writes and marks. */
final class SqlLearningRepository implements LearningRepository {
  private static final String JOB_COLUMNS =
      "id, project_id, status, reason, labels_at_trigger, created_at, started_at, finished_at, worker_id, attempts, message, model_version";
  private static final String VERSION_COLUMNS =
      "project_id, version, model_version, job_id, learned_job, created_at, labels_used, max_label_id, training_seconds,"
          + " cv_accuracy, cv_macro_f1, changed_share, predictions, snapshot_hash, card";
  private static final String HUMAN = "label_type IN ('DEFAULT', 'REVIEW') AND skipped = FALSE";

  private final Tx tx;
  private final String claim;
  private final String insertPredictions;
  private final String updateScores;
  private final String coldStartScores;
  private final String lockProject;

  SqlLearningRepository(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.claim = dialect.sql("claim-training-job.sql");
    this.insertPredictions = dialect.sql("publish-predictions.sql");
    this.updateScores = dialect.sql("publish-scores.sql");
    this.coldStartScores = dialect.sql("cold-start-scores.sql");
    this.lockProject = dialect.sql("lock-project.sql");
  }

  @Override
  public Optional<JsonNode> settings(String projectId) {
    return tx.read(h -> h.createQuery("SELECT settings FROM learning_settings WHERE project_id = :p")
        .bind("p", Ids.parse(projectId)).mapTo(String.class).findOne().map(Json::read));
  }

  @Override
  public void saveSettings(String projectId, JsonNode settings, Instant now) {
    tx.write(h -> h.createUpdate(
            """
            INSERT INTO learning_settings (project_id, settings, updated_at) VALUES (:p, :s, :now)
            ON CONFLICT (project_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at""")
        .bind("p", Ids.parse(projectId)).bind("s", Json.write(settings)).bind("now", now.toEpochMilli()).execute());
  }

  @Override
  public long humanLabelCount(String projectId) {
    return tx.read(h -> h.createQuery("SELECT COUNT(*) FROM labels WHERE project_id = :p AND " + HUMAN)
        .bind("p", Ids.parse(projectId)).mapTo(Long.class).one());
  }

  @Override
  public Optional<TrainingJob> latestJob(String projectId) {
    return tx.read(h -> h.createQuery("SELECT " + JOB_COLUMNS + " FROM training_jobs WHERE project_id = :p ORDER BY id DESC LIMIT 1")
        .bind("p", Ids.parse(projectId)).map((rs, ctx) -> job(rs)).findOne());
  }

  @Override
  public Optional<TrainingJob> job(String jobId) {
    return tx.read(h -> h.createQuery("SELECT " + JOB_COLUMNS + " FROM training_jobs WHERE id = :id")
        .bind("id", Ids.parse(jobId)).map((rs, ctx) -> job(rs)).findOne());
  }

  @Override
  public List<TrainingJob> jobs(String projectId, int limit) {
    return tx.read(h -> h.createQuery("SELECT " + JOB_COLUMNS + " FROM training_jobs WHERE project_id = :p ORDER BY id DESC LIMIT :n")
        .bind("p", Ids.parse(projectId)).bind("n", limit).map((rs, ctx) -> job(rs)).list());
  }

  /** The partial unique index on QUEUED rows turns a concurrent second insert into a no-op; it then joins the first. */
  @Override
  public TrainingJob enqueue(String projectId, String reason, long labelsAtTrigger, Instant now) {
    long p = Ids.parse(projectId);
    return tx.write(h -> {
      int inserted = h.createUpdate(
              """
              INSERT INTO training_jobs (project_id, status, reason, labels_at_trigger, created_at)
              VALUES (:p, 'QUEUED', :reason, :labels, :now) ON CONFLICT DO NOTHING""")
          .bind("p", p).bind("reason", reason).bind("labels", labelsAtTrigger).bind("now", now.toEpochMilli()).execute();
      if (inserted == 0) {
        h.createUpdate(
                """
                UPDATE training_jobs SET labels_at_trigger = :labels
                WHERE project_id = :p AND status = 'QUEUED' AND labels_at_trigger < :labels""")
            .bind("p", p).bind("labels", labelsAtTrigger).execute();
      }
      return h.createQuery("SELECT " + JOB_COLUMNS + " FROM training_jobs WHERE project_id = :p ORDER BY id DESC LIMIT 1")
          .bind("p", p).map((rs, ctx) -> job(rs)).one();
    });
  }

  @Override
  public Optional<TrainingJob> claim(String workerId, Instant now) {
    return tx.write(h -> h.createQuery(claim).bind("workerId", workerId).bind("now", now.toEpochMilli())
        .map((rs, ctx) -> job(rs)).findOne());
  }

  @Override
  public void heartbeat(String jobId, Instant now) {
    tx.write(h -> h.createUpdate("UPDATE training_jobs SET heartbeat_at = :now WHERE id = :id AND status = 'RUNNING'")
        .bind("now", now.toEpochMilli()).bind("id", Ids.parse(jobId)).execute());
  }

  @Override
  public void finish(String jobId, TrainingJob.Status status, String message, Integer modelVersion, Instant now) {
    tx.write(h -> h.createUpdate(
            "UPDATE training_jobs SET status = :s, message = :m, model_version = :v, finished_at = :now WHERE id = :id")
        .bind("s", status.name()).bind("m", message).bind("v", modelVersion).bind("now", now.toEpochMilli())
        .bind("id", Ids.parse(jobId)).execute());
  }

  @Override
  public int requeueStale(Instant staleBefore, Instant now) {
    String stale = "status = 'RUNNING' AND (heartbeat_at IS NULL OR heartbeat_at < :before)";
    return tx.write(h -> {
      h.createUpdate("UPDATE training_jobs SET status = 'FAILED', finished_at = :now,"
              + " message = 'abandoned by a stopped worker; a newer queued job trains instead' WHERE " + stale
              + " AND EXISTS (SELECT 1 FROM training_jobs q WHERE q.project_id = training_jobs.project_id AND q.status = 'QUEUED')")
          .bind("before", staleBefore.toEpochMilli()).bind("now", now.toEpochMilli()).execute();
      return h.createUpdate("UPDATE training_jobs SET status = 'QUEUED', worker_id = NULL,"
              + " message = 're-queued: its worker stopped' WHERE " + stale)
          .bind("before", staleBefore.toEpochMilli()).execute();
    });
  }

  @Override
  public List<AssetText> assets(String projectId) {
    return tx.read(h -> h.createQuery("SELECT id, content FROM assets WHERE project_id = :p ORDER BY id")
        .bind("p", Ids.parse(projectId))
        .map((rs, ctx) -> new AssetText(Long.toString(rs.getLong(1)), rs.getString(2))).list());
  }

  @Override
  public List<HumanLabel> humanLabels(String projectId) {
    return tx.read(h -> h.createQuery(
            "SELECT id, asset_id, label_type, json_response FROM labels WHERE project_id = :p AND " + HUMAN + " ORDER BY id")
        .bind("p", Ids.parse(projectId))
        .map((rs, ctx) -> new HumanLabel(Long.toString(rs.getLong(1)), Long.toString(rs.getLong(2)),
            "REVIEW".equals(rs.getString(3)), Json.read(rs.getString(4))))
        .list());
  }

  @Override
  public int nextVersion(String projectId) {
    return tx.read(h -> h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE project_id = :p")
        .bind("p", Ids.parse(projectId)).mapTo(Integer.class).one());
  }

  @Override
  public List<ModelVersion> versions(String projectId) {
    return tx.read(h -> h.createQuery("SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE project_id = :p ORDER BY version")
        .bind("p", Ids.parse(projectId)).map((rs, ctx) -> version(rs)).list());
  }

  @Override
  public Optional<byte[]> modelBytes(String projectId, int version) {
    return tx.read(h -> h.createQuery("SELECT model FROM model_versions WHERE project_id = :p AND version = :v")
        .bind("p", Ids.parse(projectId)).bind("v", version).map((rs, ctx) -> rs.getBytes(1)).findOne());
  }

  @Override
  public void insertVersion(ModelVersion v, byte[] model) {
    tx.write(h -> h.createUpdate("INSERT INTO model_versions (" + VERSION_COLUMNS + ", model) VALUES (:project, :version,"
                + " :name, :job, :learned, :created, :labels, :maxLabel, :seconds, :acc, :f1, :changed, :predictions, :hash,"
                + " :card, :model)")
        .bind("project", Ids.parse(v.projectId())).bind("version", v.version()).bind("name", v.modelVersion())
        .bind("job", Ids.parseNullable(v.jobId())).bind("learned", v.learnedJob())
        .bind("created", v.createdAt().toEpochMilli()).bind("labels", v.labelsUsed()).bind("maxLabel", v.maxLabelId())
        .bind("seconds", v.trainingSeconds()).bind("acc", v.cvAccuracy()).bind("f1", v.cvMacroF1())
        .bind("changed", v.changedShare()).bind("predictions", v.predictions()).bind("hash", v.snapshotHash())
        .bind("card", Json.write(v.card())).bind("model", model).execute());
  }

  @Override
  public Map<String, JsonNode> predictions(String projectId, String modelVersion) {
    return tx.read(h -> {
      Map<String, JsonNode> out = new HashMap<>();
      h.createQuery("SELECT asset_id, json_response FROM labels WHERE project_id = :p AND model_version = :v"
              + " AND label_type = 'PREDICTION'")
          .bind("p", Ids.parse(projectId)).bind("v", modelVersion)
          .map((rs, ctx) -> Map.entry(Long.toString(rs.getLong(1)), rs.getString(2)))
          .forEach(e -> out.put(e.getKey(), Json.read(e.getValue())));
      return out;
    });
  }

  /**
   * Three statements whatever the pool size: one UPDATE of all queue scores, one DELETE of the superseded predictions
   * and one INSERT of all new ones, the rows passed as a single JSON array (per-dialect SQL beside this class).
   */
  @Override
  public void publish(String projectId, String modelVersion, List<Prediction> predictions, Instant now) {
    long p = Ids.parse(projectId);
    ArrayNode rows = JsonNodeFactory.instance.arrayNode(predictions.size());
    for (Prediction pr : predictions) {
      rows.addObject().put("a", Ids.parse(pr.assetId())).put("s", pr.queueScore()).put("j", Json.write(pr.jsonResponse()));
    }
    String payload = Json.write(rows);
    tx.write(h -> {
      // Assets before labels, the order a submitted label takes them in (asset status, then the inference marks of its
      // predictions): the other order deadlocked label submits on PostgreSQL whenever another server published.
      int scored = h.createUpdate(updateScores).bind("payload", payload).execute();
      h.createUpdate("DELETE FROM labels WHERE project_id = :p AND label_type = 'PREDICTION' AND model_version <> :v"
              + " AND NOT EXISTS (SELECT 1 FROM labels x WHERE x.asset_id = labels.asset_id"
              + " AND x.label_type IN ('DEFAULT', 'REVIEW') AND x.skipped = FALSE)")
          .bind("p", p).bind("v", modelVersion).execute();
      h.createUpdate(insertPredictions).bind("projectId", p).bind("modelVersion", modelVersion)
          .bind("now", now.toEpochMilli()).bind("payload", payload).execute();
      return scored;
    });
  }

  @Override
  public List<PendingImage> withoutPrediction(String afterAssetId, int limit) {
    return tx.read(h -> h.createQuery(
            """
            SELECT a.id, a.project_id, a.content FROM assets a JOIN projects p ON p.id = a.project_id
            WHERE p.input_type = 'IMAGE' AND p.json_interface LIKE '%OBJECT_DETECTION%' AND a.id > :after
              AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND (l.label_type = 'PREDICTION'
                OR l.label_type IN ('DEFAULT', 'REVIEW') AND l.skipped = FALSE))
            ORDER BY a.id LIMIT :n""")
        .bind("after", afterAssetId == null ? 0L : Ids.parse(afterAssetId)).bind("n", limit)
        .map((rs, ctx) -> new PendingImage(Long.toString(rs.getLong(2)), Long.toString(rs.getLong(1)), rs.getString(3)))
        .list());
  }

  @Override
  public void addPredictions(String projectId, String modelVersion, List<Prediction> predictions, Instant now) {
    if (predictions.isEmpty()) return;
    long p = Ids.parse(projectId);
    tx.write(h -> {
      var insert = h.prepareBatch(
          """
          INSERT INTO labels (project_id, asset_id, label_type, json_response, model_version, created_at, skipped)
          SELECT :p, :a, 'PREDICTION', :j, :v, :now, FALSE
          WHERE EXISTS (SELECT 1 FROM assets WHERE id = :a AND project_id = :p)
            AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = :a AND (l.label_type = 'PREDICTION'
              AND l.model_version = :v OR l.label_type IN ('DEFAULT', 'REVIEW') AND l.skipped = FALSE))""");
      var score = h.prepareBatch("UPDATE assets SET queue_score = :s WHERE id = :a AND project_id = :p AND status = 'TODO'");
      for (Prediction pr : predictions) {
        long a = Ids.parse(pr.assetId());
        insert.bind("p", p).bind("a", a).bind("j", Json.write(pr.jsonResponse())).bind("v", modelVersion)
            .bind("now", now.toEpochMilli()).add();
        score.bind("s", pr.queueScore()).bind("a", a).bind("p", p).add();
      }
      insert.execute();
      return score.execute();
    });
  }

  @Override
  public int dropPredictions(String projectId, String modelVersion) {
    return tx.write(h -> h.createUpdate("DELETE FROM labels WHERE project_id = :p AND label_type = 'PREDICTION' AND model_version = :v"
            + " AND NOT EXISTS (SELECT 1 FROM labels x WHERE x.asset_id = labels.asset_id"
            + " AND x.label_type IN ('DEFAULT', 'REVIEW') AND x.skipped = FALSE)")
        .bind("p", Ids.parse(projectId)).bind("v", modelVersion).execute());
  }

  @Override
  public int coldStart(String projectId, long seed) {
    // A seeded multiplicative hash of the id in (0, 1): a fixed pseudo-random order without a random() per dialect.
    return tx.write(h -> h.createUpdate(
            """
            UPDATE assets SET queue_score = ((id * 2654435761 + :seed) % 1000003 + 1) / 1000004.0
            WHERE project_id = :p AND status = 'TODO' AND queue_score = 0""")
        .bind("p", Ids.parse(projectId)).bind("seed", Math.floorMod(seed, 1_000_003L)).execute());
  }

  @Override
  public int setColdStartScores(String projectId, Map<String, Double> scoresByAssetId) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode(scoresByAssetId.size());
    scoresByAssetId.forEach((a, s) -> rows.addObject().put("a", Ids.parse(a)).put("s", s));
    long p = Ids.parse(projectId);
    return tx.write(h -> {
      h.createQuery(lockProject).bind("projectId", p).mapTo(Long.class).findOne();
      return h.createUpdate(coldStartScores).bind("projectId", p).bind("payload", Json.write(rows)).execute();
    });
  }

  @Override
  public List<String> projectsWithoutModel() {
    return tx.read(h -> h.createQuery(
            """
            SELECT p.id FROM projects p
            WHERE NOT EXISTS (SELECT 1 FROM model_versions m WHERE m.project_id = p.id)
              AND EXISTS (SELECT 1 FROM assets a WHERE a.project_id = p.id AND a.status = 'TODO' AND a.queue_score = 0)
            ORDER BY p.id""")
        .mapTo(Long.class).map(String::valueOf).list());
  }

  @Override
  public List<ForwardPair> forwardPairs(String projectId) {
    return tx.read(h -> h.createQuery(
            """
            SELECT p.asset_id, p.model_version, p.json_response, h.json_response
            FROM labels p JOIN labels h ON h.asset_id = p.asset_id AND h.id > p.id
            WHERE p.project_id = :p AND p.label_type = 'PREDICTION'
              AND h.label_type IN ('DEFAULT', 'REVIEW') AND h.skipped = FALSE
            ORDER BY h.id""")
        .bind("p", Ids.parse(projectId))
        .map((rs, ctx) -> new ForwardPair(Long.toString(rs.getLong(1)), rs.getString(2), Json.read(rs.getString(3)), Json.read(rs.getString(4))))
        .list());
  }

  @Override
  public void setInferenceMarks(Map<String, Double> marksByLabelId) {
    if (marksByLabelId.isEmpty()) return;
    tx.write(h -> {
      var batch = h.prepareBatch("UPDATE labels SET inference_mark = :m WHERE id = :id");
      marksByLabelId.forEach((id, m) -> batch.bind("m", m).bind("id", Ids.parse(id)).add());
      return batch.execute();
    });
  }

  @Override
  public Page<MarkedLabel> marked(String projectId, Double lt, String cursor, int limit) {
    int n = Ids.limit(limit);
    String sql = "SELECT l.id, l.asset_id, a.external_id, l.label_type, l.model_version, l.inference_mark, l.json_response"
        + " FROM labels l JOIN assets a ON a.id = l.asset_id"
        + " WHERE l.project_id = :p AND l.inference_mark IS NOT NULL AND l.id > :after"
        + (lt == null ? "" : " AND l.inference_mark < :lt") + " ORDER BY l.id LIMIT :n";
    return tx.read(h -> {
      var q = h.createQuery(sql).bind("p", Ids.parse(projectId)).bind("after", Ids.cursor(cursor)).bind("n", n + 1);
      if (lt != null) q.bind("lt", lt.doubleValue());
      return Ids.page(q.map((rs, ctx) -> new MarkedLabel(Long.toString(rs.getLong(1)), Long.toString(rs.getLong(2)),
          rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6), Json.read(rs.getString(7)))).list(), n, MarkedLabel::labelId);
    });
  }

  private static TrainingJob job(ResultSet rs) throws SQLException {
    int mv = rs.getInt("model_version");
    Integer modelVersion = rs.wasNull() ? null : mv;
    return new TrainingJob(Long.toString(rs.getLong("id")), Long.toString(rs.getLong("project_id")),
        TrainingJob.Status.valueOf(rs.getString("status")), rs.getString("reason"), rs.getLong("labels_at_trigger"),
        instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("worker_id"),
        rs.getInt("attempts"), rs.getString("message"), modelVersion);
  }

  private static ModelVersion version(ResultSet rs) throws SQLException {
    long job = rs.getLong("job_id");
    String jobId = rs.wasNull() ? null : Long.toString(job);
    return new ModelVersion(Long.toString(rs.getLong("project_id")), rs.getInt("version"), rs.getString("model_version"),
        jobId, rs.getString("learned_job"), instant(rs, "created_at"), rs.getInt("labels_used"), rs.getLong("max_label_id"),
        rs.getDouble("training_seconds"), nullableDouble(rs, "cv_accuracy"), nullableDouble(rs, "cv_macro_f1"),
        nullableDouble(rs, "changed_share"), rs.getInt("predictions"), rs.getString("snapshot_hash"), Json.read(rs.getString("card")));
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
