package org.labelloop.core.webhook;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** How a delivery leaves the process: an HTTP POST that never follows redirects and gives up after a timeout. */
public interface WebhookTransport {
  /** POSTs {@code body}; returns the answer's status, or throws when none came (refused, timed out, reset). */
  int post(URI url, Map<String, String> headers, byte[] body) throws IOException;
}
