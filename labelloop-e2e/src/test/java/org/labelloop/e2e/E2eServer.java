package org.labelloop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labelloop.app.LabelloopApp;

/** The real application on a random port with a fresh SQLite data directory, plus a small API client using the admin key. */
final class E2eServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final LabelloopApp app;
  private final Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String key;

  E2eServer() {
    this(false);
  }

  /** {@code embeddings}: with the background embedders (text, images, audio) and the detector, as {@code serve} runs by default. */
  E2eServer(boolean embeddings) {
    try {
      this.dataDir = Files.createTempDirectory("labelloop-e2e-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, dataDir, null, false, embeddings), System.out);
    this.key = app.adminApiKey();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  /** Calls the API as the bootstrap admin; fails the test on a non-2xx answer. Returns null for an empty body. */
  JsonNode api(String method, String path, Object body) {
    HttpResponse<String> res = raw(method, path, body);
    if (res.statusCode() / 100 != 2) {
      throw new AssertionError(method + " " + path + " -> " + res.statusCode() + ": " + res.body());
    }
    try {
      return res.body().isBlank() ? null : JSON.readTree(res.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs raw bytes (a zip of images, say) as the bootstrap admin; fails the test on a non-2xx answer. */
  JsonNode post(String path, String contentType, byte[] body) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + path))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() / 100 != 2) {
        throw new AssertionError("POST " + path + " -> " + res.statusCode() + ": " + res.body());
      }
      return JSON.readTree(res.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> raw(String method, String path, Object body) {
    try {
      HttpRequest.BodyPublisher publisher = body == null
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
      HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + path))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json")
          .method(method, publisher)
          .build();
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.close();
    deleteTree(dataDir);
  }

  static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temp directory is harmless
    }
  }
}
