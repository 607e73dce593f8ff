package org.labelloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;

class ErrorResponsesTest {
  /** A busy database is the client's cue to come back: 503, Retry-After and the typed code, not a 500. */
  @Test
  void busyIs503WithRetryAfter() throws Exception {
    Javalin j = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
    });
    j.post("/api/v1/write", ctx -> {
      throw new LabelloopException(ErrorCode.BUSY, "the database is busy");
    });
    LabelloopServer.handleErrors(j);
    j.start("127.0.0.1", 0);
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + j.port() + "/api/v1/write")).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, r.statusCode());
      assertEquals(String.valueOf(LabelloopServer.RETRY_BUSY_SECONDS), r.headers().firstValue("Retry-After").orElse(null));
      assertEquals("BUSY", Json.MAPPER.readTree(r.body()).path("error").path("code").asText());
    } finally {
      j.stop();
    }
  }
}
