package org.labelloop.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A test client for the REST API: real HTTP through java.net.http, one API key per instance. */
public final class Api {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /** A response: status and the parsed body (an empty object when there is none). */
  public record Response(int status, JsonNode body, HttpResponse<String> raw) {
    public String text() {
      return raw.body();
    }
  }

  private final String base;
  private final String key;
  private final OpenApi contract;

  public Api(String base, String key) {
    this(base, key, null);
  }

  private Api(String base, String key, OpenApi contract) {
    this.base = base;
    this.key = key;
    this.contract = contract;
  }

  public Api as(String otherKey) {
    return new Api(base, otherKey, contract);
  }

  /** This client, failing the test on any response that does not match the OpenAPI document. */
  public Api checkedAgainst(OpenApi document) {
    return new Api(base, key, document);
  }

  public String base() {
    return base;
  }

  public Response get(String path) {
    return send(builder(path).GET());
  }

  public Response delete(String path) {
    return send(builder(path).DELETE());
  }

  public Response post(String path, Object body) {
    return send(builder(path).header("Content-Type", "application/json").POST(publisher(body)));
  }

  public Response put(String path, Object body) {
    return send(builder(path).header("Content-Type", "application/json").PUT(publisher(body)));
  }

  public Response patch(String path, Object body) {
    return send(builder(path).header("Content-Type", "application/json").method("PATCH", publisher(body)));
  }

  /** A multipart upload of {@code content} as the part {@code file}, plus text fields. */
  public Response upload(String path, String fileName, String content, Map<String, String> fields) {
    String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
        .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
    sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
        .append(fileName).append("\"\r\nContent-Type: text/plain\r\n\r\n").append(content)
        .append("\r\n--").append(boundary).append("--\r\n");
    return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(sb.toString(), StandardCharsets.UTF_8)));
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    return key == null ? b : b.header("Authorization", "Bearer " + key);
  }

  private static HttpRequest.BodyPublisher publisher(Object body) {
    try {
      String s = body instanceof String str ? str : JSON.writeValueAsString(body);
      return HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpRequest request = b.build();
      HttpResponse<String> res = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String text = res.body();
      if (contract != null) {
        List<String> violations = contract.violations(request.method(), request.uri().getPath(), res.statusCode(),
            res.headers().firstValue("Content-Type").orElse(null), text);
        if (!violations.isEmpty()) {
          throw new AssertionError("response does not match /api/openapi.json: " + violations + "\n" + text);
        }
      }
      JsonNode body;
      try {
        body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      } catch (IOException notJson) {
        body = JSON.createObjectNode();
      }
      return new Response(res.statusCode(), body, res);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An interface with one radio classification job JOB_0 over the given categories, for any kind of asset. */
  public static ObjectNode classificationInterface(String... categories) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode job = root.putObject("jobs").putObject("JOB_0").put("mlTask", "CLASSIFICATION").put("instruction", "Topic").put("required", 1);
    ObjectNode cats = job.putObject("content").put("input", "radio").putObject("categories");
    for (String c : categories) {
      cats.putObject(c).put("name", c);
    }
    return root;
  }

  /** A text project's interface: {@link #classificationInterface} and one NER job NER (PER, ORG). */
  public static ObjectNode textInterface(String... categories) {
    ObjectNode root = classificationInterface(categories);
    ObjectNode ner = ((ObjectNode) root.get("jobs")).putObject("NER").put("mlTask", "NAMED_ENTITIES_RECOGNITION").put("required", 0);
    ObjectNode nerCats = ner.putObject("content").put("input", "radio").putObject("categories");
    nerCats.putObject("PER").put("name", "Person");
    nerCats.putObject("ORG").put("name", "Organisation");
    return root;
  }

  public static ArrayNode array() {
    return JSON.createArrayNode();
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
