package org.labelloop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.learner.XgboostLearner;
import org.labelloop.learn.model.ModelFile;
import org.labelloop.store.testing.EmbeddedPostgresServer;

/**
 * The job in local[2] against a real PostgreSQL migrated with the store's migrations: a run that fails half-way, then
 * its re-run, write each prediction once; an image project's files are read from the database's large objects and
 * scored by boosted trees (XGBoost's native scorer inside the job's jar, without its Scala).
 */
class PostgresScoreJobIT {
  private static final int POOL = 60;
  private static final int PHOTOS = 6;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("postgres-score-job-it").config("spark.ui.enabled", "false")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String database() throws Exception {
    String url = EmbeddedPostgresServer.get().newDatabaseUrl();
    try (Connection db = DriverManager.getConnection(url)) {
      Fixtures.migrate(db, "postgresql");
    }
    return url;
  }

  @Test
  void aRunThatFailsHalfWayThenItsRerunWriteEachPredictionOnce(@TempDir Path dir) throws Exception {
    String url = database();
    long failing;
    try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
      s.execute("INSERT INTO projects (id, title, input_type, json_interface, created_at, updated_at) VALUES (1, 'news', 'TEXT', '{}', 0, 0)");
      for (int i = 0; i < POOL; i++) {
        s.execute("INSERT INTO assets (project_id, external_id, content, created_at) VALUES (1, 'a" + i + "', '"
            + Fixtures.text(i % 3, i) + "', 0)");
      }
      failing = Fixtures.count(db, "SELECT id FROM assets WHERE external_id = 'a45'");
      // The database refuses one page's write, as a lost connection or a full disk would: that partition's task fails.
      s.execute("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql");
      s.execute("CREATE TRIGGER refuse_one BEFORE INSERT ON labels FOR EACH ROW WHEN (NEW.asset_id = " + failing + ") EXECUTE FUNCTION refuse()");
    }
    ScoreJob.Options options = ScoreJob.Options.parse("--jdbc", url, "--project", "1",
        "--model", Fixtures.textModelFile(dir).toString(), "--partitions", "4", "--page", "5");

    Exception failed = assertThrows(Exception.class, () -> ScoreJob.run(spark, options));
    assertTrue(String.valueOf(failed.getMessage()).contains("disk full"), String.valueOf(failed.getMessage()));
    long before;
    try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
      before = Fixtures.count(db, "SELECT COUNT(*) FROM labels WHERE label_type = 'PREDICTION'");
      assertTrue(before > 0 && before < POOL, "the other partitions' pages were committed: " + before);
      assertEquals(0, Fixtures.count(db, "SELECT COUNT(*) FROM labels WHERE asset_id = " + failing));
      s.execute("DROP TRIGGER refuse_one ON labels");
    }

    ScoreJob.Summary rerun = ScoreJob.run(spark, options);
    assertEquals(POOL - before, rerun.written());
    assertEquals(0, ScoreJob.run(spark, options).scored());
    try (Connection db = DriverManager.getConnection(url)) {
      assertEquals(POOL, Fixtures.count(db, "SELECT COUNT(*) FROM labels WHERE label_type = 'PREDICTION' AND model_version = 'v7'"));
      assertEquals(POOL, Fixtures.count(db, "SELECT COUNT(DISTINCT asset_id) FROM labels"));
      assertEquals(POOL, Fixtures.count(db, "SELECT COUNT(*) FROM assets WHERE queue_score > 0 AND queue_score <= 1"));
    }
  }

  @Test
  void imageFilesAreReadFromTheDatabasesLargeObjects(@TempDir Path dir) throws Exception {
    String url = database();
    try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
      s.execute("INSERT INTO projects (id, title, input_type, json_interface, created_at, updated_at) VALUES (2, 'dots', 'IMAGE', '{}', 0, 0)");
      try (PreparedStatement file = db.prepareStatement("INSERT INTO media_files (key, project_id, object_id, size, created_at)"
          + " VALUES (?, '2', lo_from_bytea(0, ?), ?, 0)")) {
        for (int i = 0; i < PHOTOS; i++) {
          String key = "2/0" + i + "/beef" + i + "/photo" + i + ".jpg";
          byte[] photo = Fixtures.photo(i);
          file.setString(1, key);
          file.setBytes(2, photo);
          file.setLong(3, photo.length);
          file.executeUpdate();
          s.execute("INSERT INTO assets (project_id, external_id, content, created_at) VALUES (2, 'p" + i + "', '" + key + "', 0)");
        }
      }
      s.execute("INSERT INTO assets (project_id, external_id, content, created_at) VALUES (2, 'gone', '2/ee/gone/missing.jpg', 0)");
    }
    Path model;
    try (ShippedImageEncoder encoder = new ShippedImageEncoder(2)) {
      model = Fixtures.imageModelFile(dir, encoder, ModelFile.ImageEncoding.shipped(), 16,
          new XgboostLearner(30, 3, 0.3, 1, 1)); // boosted trees: the media search's other kind of learner
    }

    ScoreJob.Summary run = ScoreJob.run(spark, ScoreJob.Options.parse("--jdbc", url, "--project", "2", "--model", model.toString()));
    assertEquals(PHOTOS, run.written());
    assertEquals(1, run.unreadable());
    try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT a.external_id, l.json_response FROM labels l JOIN assets a ON a.id = l.asset_id ORDER BY a.id")) {
      int n = 0;
      while (rs.next()) {
        int i = Integer.parseInt(rs.getString(1).substring(1));
        assertTrue(rs.getString(2).startsWith("{\"JOB_0\":{\"categories\":[{\"name\":\"" + Fixtures.COLOURS.get(i % 2) + "\""), rs.getString(2));
        n++;
      }
      assertEquals(PHOTOS, n);
    }
  }
}
