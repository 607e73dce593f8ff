package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.labelloop.app.MediaApiContract.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/** A server with its background workers on, for the detection contracts: image imports and waiting for what they make. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DetectionServer {
  Path data;
  LabelloopApp app;
  Api admin;

  /** A JDBC URL of a fresh database, or null for the default SQLite file in the data directory. */
  abstract String databaseUrl();

  @BeforeAll
  void start() throws IOException {
    data = Files.createTempDirectory("labelloop-detection-it-");
    app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, databaseUrl(), false, true),
        new PrintStream(new ByteArrayOutputStream()));
    admin = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
  }

  @AfterAll
  void stop() {
    if (app != null) app.close();
  }

  /** Imports the images as one zip; their asset ids by file name. */
  Map<String, String> importImages(String project, Object... nameAndBytes) throws Exception {
    Response r = ServerContract.uploadZip(admin, app.adminApiKey(), project, zip(nameAndBytes), null, "");
    assertEquals(201, r.status(), r.text());
    Map<String, String> ids = new HashMap<>();
    admin.get("/api/v1/projects/" + project + "/assets?limit=100").body().path("items")
        .forEach(a -> ids.put(a.path("externalId").asText().replaceAll(".*/", ""), a.path("id").asText()));
    return ids;
  }

  static <T> T within(Duration limit, java.util.function.Supplier<T> probe, String what) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (T v = probe.get(); ; v = probe.get()) {
      if (v != null) return v;
      if (System.nanoTime() > deadline) throw new AssertionError("no " + what + " within " + limit.toSeconds() + " s");
      Thread.sleep(200);
    }
  }
}
