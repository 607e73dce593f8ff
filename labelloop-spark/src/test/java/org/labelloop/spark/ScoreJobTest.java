package org.labelloop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.LearnerCatalog;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.model.ModelFile;
import org.labelloop.learn.model.TextModel;

/** The job in local[2] on a SQLite file migrated with the store's own migrations. */
class ScoreJobTest {
  private static final String[][] TOPICS = {
    {"election", "vote", "parliament", "minister"}, {"goal", "match", "team", "league"}, {"chip", "software", "phone", "app"}};
  private static final List<String> CLASSES = List.of("politics", "sport", "tech");
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

  private static String text(int topic, int i) {
    String[] w = TOPICS[topic];
    return "the " + w[i % 4] + " and " + w[(i + 1) % 4] + " today " + w[(i + 2) % 4];
  }

  /** A sparse text model trained on its own small labeled set, exported as the CLI would. */
  private static Path modelFile(Path dir) throws IOException {
    List<LabeledText> items = new ArrayList<>();
    for (int t = 0; t < 3; t++) for (int i = 0; i < 8; i++) items.add(LabeledText.of("l" + t + i, text(t, i), CLASSES.get(t)));
    TextDataset d = new TextDataset(items);
    AutoMlConfig c = new AutoMlConfig(3, Duration.ofMinutes(1), 1, false, 1, LearnerCatalog.space("svm", false));
    TextModel m = new AutoMl(c, Clock.systemUTC()).fit(d, new FeatureCache(d.texts(), null),
        IntStream.range(0, d.size()).toArray(), Progress.NONE).model();
    Path file = dir.resolve("model.llm");
    try (OutputStream out = Files.newOutputStream(file)) {
      new ModelFile("v7", "JOB_0", m.save()).write(out);
    }
    return file;
  }

  /** The store's SQLite migrations in version order, run statement by statement. */
  private static void migrate(Connection db) throws IOException, SQLException, URISyntaxException {
    URI v1 = ScoreJobTest.class.getResource("/db/migration/sqlite/V1__schema.sql").toURI();
    try (FileSystem jar = v1.getScheme().equals("jar") ? FileSystems.newFileSystem(v1, Map.of()) : null;
        Stream<Path> files = Files.list(Path.of(v1).getParent())) {
      Comparator<Path> byVersion = Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")));
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted(byVersion).toList()) {
        String sql = Files.readString(f).replaceAll("--[^\n]*", "");
        try (Statement s = db.createStatement()) {
          for (String statement : sql.split(";")) if (!statement.isBlank()) s.execute(statement);
        }
      }
    }
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void scoresEveryUnlabeledAssetOnceAcrossReruns(@TempDir Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("labelloop.db") + "?busy_timeout=30000&journal_mode=WAL";
    try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
      migrate(db);
      s.execute("INSERT INTO projects (id, title, input_type, json_interface, created_at, updated_at)"
          + " VALUES (1, 'news', 'TEXT', '{}', 0, 0), (2, 'other', 'TEXT', '{}', 0, 0)");
      for (int i = 0; i < POOL; i++) {
        s.execute("INSERT INTO assets (project_id, external_id, content, created_at) VALUES (1, 'a" + i + "', '"
            + text(i % 3, i) + "', 0)");
      }
      s.execute("INSERT INTO assets (project_id, external_id, content, status, created_at) VALUES (1, 'done', 'vote', 'LABELED', 0)");
      s.execute("INSERT INTO assets (project_id, external_id, content, created_at) VALUES (2, 'elsewhere', 'goal', 0)");
    }
    ScoreJob.Options options = ScoreJob.Options.parse("--jdbc", url, "--project", "1",
        "--model", modelFile(dir).toString(), "--partitions", "4", "--page", "10");

    ScoreJob.Summary first = ScoreJob.run(spark, options);
    assertEquals(4, first.partitions());
    assertEquals(POOL, first.scored());
    assertEquals(POOL, first.written());

    try (Connection db = DriverManager.getConnection(url)) {
      assertEquals(POOL, count(db, "SELECT COUNT(*) FROM labels WHERE label_type = 'PREDICTION' AND model_version = 'v7'"));
      assertEquals(POOL, count(db, "SELECT COUNT(DISTINCT asset_id) FROM labels"));
      assertEquals(0, count(db, "SELECT COUNT(*) FROM labels l JOIN assets a ON a.id = l.asset_id WHERE a.status <> 'TODO' OR a.project_id <> 1"));
      assertEquals(POOL, count(db, "SELECT COUNT(*) FROM assets WHERE project_id = 1 AND queue_score > 0 AND queue_score <= 1"));
      // Each topic's texts are predicted as that topic, in the server's answer shape.
      try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT a.external_id, l.json_response FROM labels l JOIN assets a ON a.id = l.asset_id ORDER BY a.id")) {
        while (rs.next()) {
          int i = Integer.parseInt(rs.getString(1).substring(1));
          String json = rs.getString(2);
          assertTrue(json.startsWith("{\"JOB_0\":{\"categories\":[{\"name\":\"" + CLASSES.get(i % 3) + "\",\"confidence\":"), json);
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
      assertEquals(POOL, count(db, "SELECT COUNT(*) FROM labels WHERE label_type = 'PREDICTION'"));
      assertEquals(POOL, count(db, "SELECT COUNT(DISTINCT asset_id) FROM labels"));
    }
  }
}
