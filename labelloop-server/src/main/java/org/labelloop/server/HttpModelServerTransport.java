package org.labelloop.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.labelloop.core.modelserver.ModelServerTransport;

/**
 * Calls to model servers over the JDK's HTTP client: 5 s to connect, {@code answerTimeout} for an answer (a
 * /predict batch on a CPU model can take a while), redirects never followed, JSON both ways.
 */
public final class HttpModelServerTransport implements ModelServerTransport {
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final Duration answerTimeout;

  public HttpModelServerTransport(Duration answerTimeout) {
    this.answerTimeout = answerTimeout;
  }

  @Override
  public JsonNode get(URI url) throws IOException {
    return send(HttpRequest.newBuilder(url).GET());
  }

  @Override
  public JsonNode post(URI url, JsonNode body) throws IOException {
    return send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body))));
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException {
    HttpRequest r = request.timeout(answerTimeout).header("Accept", "application/json").build();
    HttpResponse<String> res;
    try {
      res = client.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (res.statusCode() / 100 != 2) {
      String body = res.body() == null ? "" : res.body().strip();
      throw new IOException(r.uri().getPath() + " answered HTTP " + res.statusCode() + (body.isEmpty() ? "" : ": " + abbreviate(body)));
    }
    try {
      return res.body() == null || res.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(res.body());
    } catch (JsonProcessingException e) {
      throw new IOException(r.uri().getPath() + " did not answer JSON: " + abbreviate(res.body()));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
