package org.labelloop.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.app.testing.OpenApi;

/**
 * One real server per contract class, over HTTP on a random port, with the admin's API client. Subclasses (the API,
 * media, quality and learning-loop contracts) pick the database in their SQLite and PostgreSQL variants; the
 * background embedder stays off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerContract {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
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
    // every response in a contract test is checked against the OpenAPI document's schemas
    admin = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey()).checkedAgainst(OpenApi.get());
  }

  /**
   * Posts {@code zip} to the project's asset import as the multipart part {@code file}, with a {@code format} part
   * unless it is null; returns status and JSON body.
   */
  Response uploadZip(String project, byte[] zip, String format, String query) throws Exception {
    return uploadZip(admin, app.adminApiKey(), project, zip, format, query);
  }

  /** As {@link #uploadZip(String, byte[], String, String)}, through any server and key. */
  static Response uploadZip(Api api, String key, String project, byte[] zip, String format, String query) throws Exception {
    String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (format != null) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n" + format + "\r\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"assets.zip\"\r\n"
        + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(zip);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest req = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/projects/" + project + "/assets" + query))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    return new Response(res.statusCode(), res.body().isBlank() ? Api.object() : Api.JSON.readTree(res.body()), res);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }
}
