package org.labelloop.spark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.learn.strategy.Measure;

/**
 * One partition's work, run on an executor: pages through its id range's TODO assets that have no prediction of this
 * model version yet, scores each page (texts, or image files read by the keys the assets hold), and writes the page's PREDICTION labels and queue scores in one transaction.
 * The reads skip what an earlier run wrote and the insert re-checks it, so a re-run after a failure writes each
 * prediction once. The insert and score statements keep the conditions of the server's own for added predictions
 * (store's {@code SqlLearningRepository.addPredictions}): a human label is never shadowed, a labeled asset's score is kept.
 */
final class PartitionScorer {
  private static final String PAGE = """
      SELECT a.id, a.content FROM assets a
      WHERE a.project_id = ? AND a.status = 'TODO' AND a.id > ? AND a.id < ?
        AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.label_type = 'PREDICTION' AND l.model_version = ?)
      ORDER BY a.id LIMIT ?""";
  private static final String INSERT = """
      INSERT INTO labels (project_id, asset_id, label_type, json_response, model_version, created_at, skipped)
      SELECT ?, ?, 'PREDICTION', ?, ?, ?, FALSE
      WHERE NOT EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = ? AND (l.label_type = 'PREDICTION'
        AND l.model_version = ? OR l.label_type IN ('DEFAULT', 'REVIEW') AND l.skipped = FALSE))""";
  private static final String SCORE = "UPDATE assets SET queue_score = ? WHERE id = ? AND project_id = ? AND status = 'TODO'";

  /**
   * What one partition did: assets scored, predictions inserted (fewer when another writer got there first), and image
   * assets left without a prediction because their file is missing or not an image (read again by a re-run).
   */
  record Count(long scored, long written, long unreadable) implements java.io.Serializable {
    static final Count NONE = new Count(0, 0, 0);

    Count plus(Count o) { return new Count(scored + o.scored, written + o.written, unreadable + o.unreadable); }
  }

  private final ScoreJob.Options options;
  private final String modelVersion;
  private final String jobId;
  private final LoadedModel model;

  PartitionScorer(ScoreJob.Options options, String modelVersion, String jobId, LoadedModel model) {
    this.options = options;
    this.modelVersion = modelVersion;
    this.jobId = jobId;
    this.model = model;
  }

  Count score(IdRange range) throws SQLException {
    Count total = Count.NONE;
    try (Connection db = options.connect()) {
      long after = range.from() - 1;
      while (true) {
        List<Long> ids = new ArrayList<>(options.pageSize());
        List<String> contents = new ArrayList<>(options.pageSize());
        try (PreparedStatement page = db.prepareStatement(PAGE)) {
          page.setLong(1, options.projectId());
          page.setLong(2, after);
          page.setLong(3, range.to());
          page.setString(4, modelVersion);
          page.setInt(5, options.pageSize());
          try (ResultSet rs = page.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
              contents.add(rs.getString(2));
            }
          }
        }
        if (ids.isEmpty()) return total;
        total = total.plus(write(db, ids, model.proba(contents, options.media(), db)));
        after = ids.getLast();
      }
    }
  }

  /** Writes the page's predictions; an asset without a distribution (an unreadable image) gets none. */
  private Count write(Connection db, List<Long> ids, double[][] proba) throws SQLException {
    long now = System.currentTimeMillis();
    Measure measure = options.measure();
    db.setAutoCommit(false);
    try (PreparedStatement insert = db.prepareStatement(INSERT); PreparedStatement score = db.prepareStatement(SCORE)) {
      long unreadable = 0;
      for (int i = 0; i < ids.size(); i++) {
        if (proba[i] == null) {
          unreadable++;
          continue;
        }
        long asset = ids.get(i);
        insert.setLong(1, options.projectId());
        insert.setLong(2, asset);
        insert.setString(3, KiliPrediction.json(jobId, model.classes(), proba[i]));
        insert.setString(4, modelVersion);
        insert.setLong(5, now);
        insert.setLong(6, asset);
        insert.setString(7, modelVersion);
        insert.addBatch();
        score.setDouble(1, measure.of(proba[i]));
        score.setLong(2, asset);
        score.setLong(3, options.projectId());
        score.addBatch();
      }
      // Asset scores before labels: the order a submitted label takes its locks in on PostgreSQL.
      score.executeBatch();
      long written = 0;
      for (int n : insert.executeBatch()) written += Math.max(n, 0);
      db.commit();
      return new Count(ids.size() - unreadable, written, unreadable);
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }
}
