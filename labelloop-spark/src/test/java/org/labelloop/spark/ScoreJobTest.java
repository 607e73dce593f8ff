package org.labelloop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job in local[2] on a SQLite file migrated with the store's own migrations. */
class ScoreJobTest {
  private static final int POOL = 90;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("score-job-test").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void scoresEveryUnlabeledAssetOnceAcrossReruns(@TempDir Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("labelloop.db") + "?busy_timeout=30000&journal_mode=WAL";
    try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
      Fixtures.migrate(db, "sqlite");
      s.execute("INSERT INTO projects (id, title, input_type, json_interface, created_at, updated_at)"
          + " VALUES (1, 'news', 'TEXT', '{}', 0, 0), (2, 'other', 'TEXT', '{}', 0, 0)");
      for (int i = 0; i < POOL; i++) {
        s.execute("INSERT INTO assets (project_id, external_id, content, created_at) VALUES (1, 'a" + i + "', '"
            + Fixtures.text(i % 3, i) + "', 0)");
      }
      s.execute("INSERT INTO assets (project_id, external_id, content, status, created_at) VALUES (1, 'done', 'vote', 'LABELED', 0)");
      s.execute("INSERT INTO assets (project_id, external_id, content, created_at) VALUES (2, 'elsewhere', 'goal', 0)");
    }
    ScoreJob.Options options = ScoreJob.Options.parse("--jdbc", url, "--project", "1",
        "--model", Fixtures.textModelFile(dir).toString(), "--partitions", "4", "--page", "10");

    ScoreJob.Summary first = ScoreJob.run(spark, options);
    assertEquals(4, first.partitions());
    assertEquals(POOL, first.scored());
    assertEquals(POOL, first.written());

    try (Connection db = DriverManager.getConnection(url)) {
      assertEquals(POOL, Fixtures.count(db, "SELECT COUNT(*) FROM labels WHERE label_type = 'PREDICTION' AND model_version = 'v7'"));
      assertEquals(POOL, Fixtures.count(db, "SELECT COUNT(DISTINCT asset_id) FROM labels"));
      assertEquals(0, Fixtures.count(db, "SELECT COUNT(*) FROM labels l JOIN assets a ON a.id = l.asset_id WHERE a.status <> 'TODO' OR a.project_id <> 1"));
      assertEquals(POOL, Fixtures.count(db, "SELECT COUNT(*) FROM assets WHERE project_id = 1 AND queue_score > 0 AND queue_score <= 1"));
      // Each topic's texts are predicted as that topic, in the server's answer shape.
      try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT a.external_id, l.json_response FROM labels l JOIN assets a ON a.id = l.asset_id ORDER BY a.id")) {
        while (rs.next()) {
          int i = Integer.parseInt(rs.getString(1).substring(1));
          String json = rs.getString(2);
          assertTrue(json.startsWith("{\"JOB_0\":{\"categories\":[{\"name\":\"" + Fixtures.TOPIC_CLASSES.get(i % 3) + "\",\"confidence\":"), json);
          assertTrue(json.contains("\"probabilities\":{\"politics\":"), json);
        }
      }
      // A run that died after writing part of the pool: the rows it never wrote.
      try (Statement s = db.createStatement()) {
        s.execute("DELETE FROM labels WHERE asset_id IN (SELECT id FROM assets WHERE external_id IN ('a5', 'a40', 'a89'))");
      }
    }

    ScoreJob.Summary resumed = ScoreJob.run(spark, options);
    assertEquals(3, resumed.scored());
    assertEquals(3, resumed.written());
    ScoreJob.Summary again = ScoreJob.run(spark, options);
    assertEquals(0, again.scored());
    try (Connection db = DriverManager.getConnection(url)) {
      assertEquals(POOL, Fixtures.count(db, "SELECT COUNT(*) FROM labels WHERE label_type = 'PREDICTION'"));
      assertEquals(POOL, Fixtures.count(db, "SELECT COUNT(DISTINCT asset_id) FROM labels"));
    }
  }
}
