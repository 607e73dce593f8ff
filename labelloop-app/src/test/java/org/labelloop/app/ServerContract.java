package org.labelloop.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.labelloop.app.testing.Api;

/**
 * One real server per contract class, over HTTP on a random port, with the admin's API client. Subclasses (the API,
 * media, quality and learning-loop contracts) pick the database in their SQLite and PostgreSQL variants; the
 * background embedder stays off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerContract {
  Path data;
  /** The JDBC URL the server runs on. */
  String jdbcUrl;
  LabelloopApp app;
  Api admin;

  /** A JDBC URL of a fresh database, or null for the default SQLite file in the data directory. */
  abstract String databaseUrl();

  @BeforeAll
  void start() throws IOException {
    data = Files.createTempDirectory("labelloop-it-");
    String url = databaseUrl();
    jdbcUrl = url != null ? url : "jdbc:sqlite:" + data.resolve("labelloop.db");
    app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, url, false, false),
        new PrintStream(new ByteArrayOutputStream()));
    admin = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }
}
