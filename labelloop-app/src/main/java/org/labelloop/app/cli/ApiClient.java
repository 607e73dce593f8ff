package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** A small client for the REST API over java.net.http; errors become {@link CliException}s with the server's message. */
final class ApiClient {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Made on first use: its set-up (the default TLS context reads the trust store) costs a download about 0.2 s of CPU. */
  private HttpClient http;
  private final String base;
  private final String apiKey;

  ApiClient(String url, String apiKey) {
    this(null, url.endsWith("/") ? url.substring(0, url.length() - 1) : url, apiKey);
  }

  private ApiClient(HttpClient http, String base, String apiKey) {
    this.http = http;
    this.base = base;
    this.apiKey = apiKey;
  }

  /** A client for the same server that authenticates with another key and shares this one's connections. */
  ApiClient withKey(String otherApiKey) {
    return new ApiClient(http(), base, otherApiKey);
  }

  synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }
    return http;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + apiKey)
        .header("Accept", "application/json");
  }

  JsonNode get(String path) {
    return json(send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  /**
   * Streams a GET response into {@code output} with progress on stderr: written beside it as {@code .part}, moved into
   * place once complete, so a failed download leaves no half file. Returns the bytes written. The body is read by
   * HttpURLConnection's blocking stream: java.net.http's reactive pipeline cost three times the CPU for a large export
   * (BENCHMARKS.md, issue 18 §4).
   */
  long download(String path, Path output) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    connection.setConnectTimeout(10_000);
    connection.setRequestProperty("Authorization", "Bearer " + apiKey);
    int status;
    try {
      status = connection.getResponseCode();
    } catch (ConnectException e) {
      throw unreachable();
    } catch (IOException e) {
      throw failed(e);
    }
    if (status / 100 != 2) {
      throw new CliException(errorMessage(status, connection.getErrorStream()));
    }
    Path abs = output.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
    Progress progress = new Progress(System.err, "downloading", -1);
    long total = 0;
    try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        total += n;
        progress.update(total);
      }
    }
    progress.finish(total, null);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    return total;
  }

  JsonNode post(String path, JsonNode body) {
    return json(send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  JsonNode patch(String path, JsonNode body) {
    return json(send(request(path).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  JsonNode delete(String path) {
    return json(send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  /** Sends and fails with the server's error message on a non-2xx status. */
  HttpResponse<InputStream> send(HttpRequest req, HttpResponse.BodyHandler<InputStream> handler) {
    HttpResponse<InputStream> res;
    try {
      res = http().send(req, handler);
    } catch (ConnectException e) {
      throw unreachable();
    } catch (IOException e) {
      throw failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    if (res.statusCode() / 100 != 2) {
      throw new CliException(errorMessage(res.statusCode(), res.body()));
    }
    return res;
  }

  private static JsonNode json(HttpResponse<InputStream> res) {
    try (InputStream in = res.body()) {
      byte[] bytes = in.readAllBytes();
      return bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new CliException("unreadable response: " + e.getMessage());
    }
  }

  private CliException unreachable() {
    return new CliException("cannot reach the server at " + base + " (is 'labelloop serve' running?)");
  }

  private CliException failed(IOException e) {
    return new CliException("request to " + base + " failed: " + e.getMessage());
  }

  private static String errorMessage(int status, InputStream body) {
    try (InputStream in = body) {
      JsonNode err = MAPPER.readTree(in).path("error");
      StringBuilder sb = new StringBuilder("HTTP " + status + ": " + err.path("message").asText("error"));
      int shown = 0;
      for (JsonNode d : err.path("details")) {
        if (shown++ == 20) {
          sb.append("\n  ... (").append(err.path("details").size() - 20).append(" more)");
          break;
        }
        sb.append("\n  ").append(d.asText());
      }
      return sb.toString();
    } catch (IOException | RuntimeException e) {
      return "HTTP " + status;
    }
  }
}
