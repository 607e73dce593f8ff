package org.labelloop.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.labelloop.core.webhook.WebhookTransport;

/** Webhook deliveries over the JDK's HTTP client: 5 s to connect, 10 s for an answer, redirects never followed. */
public final class HttpWebhookTransport implements WebhookTransport {
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  @Override
  public int post(URI url, Map<String, String> headers, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
