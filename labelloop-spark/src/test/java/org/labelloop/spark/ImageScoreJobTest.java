package org.labelloop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.model.ModelFile;

/** An image classifier's model file scored in local[2] on generated photos kept in a media directory, on SQLite. */
class ImageScoreJobTest {
  private static final int POOL = 10;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("image-score-job-test").config("spark.ui.enabled", "false")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void scoresEachReadableImageOnceAndSkipsMissingOrBrokenFiles(@TempDir Path dir) throws Exception {
    Path model;
    try (ShippedImageEncoder encoder = new ShippedImageEncoder(2)) {
      model = Fixtures.imageModelFile(dir, encoder, ModelFile.ImageEncoding.shipped(), 16, new LiblinearLrLearner(1));
    }
    Path media = Files.createDirectories(dir.resolve("media"));
    String url = "jdbc:sqlite:" + dir.resolve("labelloop.db") + "?busy_timeout=30000";
    try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
      Fixtures.migrate(db, "sqlite");
      s.execute("INSERT INTO projects (id, title, input_type, json_interface, created_at, updated_at) VALUES (1, 'dots', 'IMAGE', '{}', 0, 0)");
      for (int i = 0; i < POOL; i++) {
        String key = "1/0" + i + "/c0ffee" + i + "/photo" + i + ".jpg";
        Files.createDirectories(media.resolve(key).getParent());
        Files.write(media.resolve(key), Fixtures.photo(i));
        s.execute("INSERT INTO assets (project_id, external_id, content, created_at) VALUES (1, 'p" + i + "', '" + key + "', 0)");
      }
      Files.createDirectories(media.resolve("1/ff/broken"));
      Files.writeString(media.resolve("1/ff/broken/notes.jpg"), "not an image");
      s.execute("INSERT INTO assets (project_id, external_id, content, created_at) VALUES (1, 'broken', '1/ff/broken/notes.jpg', 0),"
          + " (1, 'gone', '1/ee/gone/missing.jpg', 0)");
    }

    var noMedia = ScoreJob.Options.parse("--jdbc", url, "--project", "1", "--model", model.toString());
    var e = assertThrows(IllegalArgumentException.class, () -> ScoreJob.run(spark, noMedia));
    assertEquals("an image model on sqlite: give --media DIR, the server's media directory (only PostgreSQL holds the files itself)",
        e.getMessage());

    var options = ScoreJob.Options.parse("--jdbc", url, "--project", "1", "--model", model.toString(),
        "--media", media.toString(), "--partitions", "3", "--page", "4");
    ScoreJob.Summary first = ScoreJob.run(spark, options);
    assertEquals(POOL, first.scored());
    assertEquals(POOL, first.written());
    assertEquals(2, first.unreadable());
    try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT a.external_id, l.json_response FROM labels l JOIN assets a ON a.id = l.asset_id WHERE l.model_version = 'img-3' ORDER BY a.id")) {
      int n = 0;
      while (rs.next()) {
        int i = Integer.parseInt(rs.getString(1).substring(1));
        assertTrue(rs.getString(2).startsWith("{\"JOB_0\":{\"categories\":[{\"name\":\"" + Fixtures.COLOURS.get(i % 2) + "\""),
            rs.getString(1) + ": " + rs.getString(2));
        n++;
      }
      assertEquals(POOL, n);
      assertEquals(POOL, Fixtures.count(db, "SELECT COUNT(*) FROM assets WHERE queue_score > 0"));
    }

    ScoreJob.Summary again = ScoreJob.run(spark, options);
    assertEquals(0, again.written());
    assertEquals(2, again.unreadable(), "the unreadable files are tried again, the scored ones are not");
  }
}
