package org.labelloop.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the server is and how to authenticate: {@code --url}, {@code --api-key} or env LABELLOOP_API_KEY. */
public final class ClientOptions {
  @Option(names = "--url", defaultValue = "${env:LABELLOOP_URL:-http://localhost:7070}",
      description = "Server URL (default: env LABELLOOP_URL, else http://localhost:7070).")
  String url;

  @Option(names = "--api-key", defaultValue = "${env:LABELLOOP_API_KEY}",
      description = "API key (default: env LABELLOOP_API_KEY, else ./labelloop-data/admin-api-key if readable).")
  String apiKey;

  ApiClient client() {
    String key = apiKey;
    if (key == null || key.isBlank()) {
      Path local = Path.of("labelloop-data", "admin-api-key");
      try {
        key = Files.isReadable(local) ? Files.readString(local).trim() : null;
      } catch (IOException e) {
        key = null;
      }
    }
    if (key == null || key.isBlank()) {
      throw new CliException("no API key: pass --api-key or set LABELLOOP_API_KEY (the admin's key is in DATA_DIR/admin-api-key)");
    }
    return new ApiClient(url, key);
  }
}
