package org.labelloop.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labelloop serve}: runs the server until SIGTERM/SIGINT, then stops it gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Labelloop server.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "7070", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--data", defaultValue = "labelloop-data",
      description = "Data directory: SQLite database, uploads in progress, admin-api-key (default: ./${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--db", defaultValue = "${env:LABELLOOP_DB_URL}",
      description = "JDBC URL, e.g. jdbc:postgresql://host/db?user=u&password=p (default: env LABELLOOP_DB_URL, else SQLite in the data directory).")
  String db;

  @Option(names = "--demo", description = "Create the demo projects if they do not exist yet.")
  boolean demo;

  @Option(names = "--embeddings", negatable = true, defaultValue = "${env:LABELLOOP_EMBEDDINGS:-true}", fallbackValue = "true",
      description = "Compute sentence embeddings of text assets in the background, for the learning loop's features, cold"
          + " start and diverse batches, and pre-annotate object detection images with the shipped COCO detector"
          + " (default: env LABELLOOP_EMBEDDINGS, else true; --no-embeddings turns both off).")
  boolean embeddings;

  @Option(names = "--max-cell-chars", defaultValue = "1000000",
      description = "Imports: the most characters in one value (a CSV cell, an asset's text) (default: ${DEFAULT-VALUE}).")
  int maxCellChars;

  @Option(names = "--max-row-chars", defaultValue = "4000000",
      description = "Imports: the most characters in one row (a CSV record, a JSON line or object) (default: ${DEFAULT-VALUE}).")
  int maxRowChars;

  @Option(names = "--max-file-mb", defaultValue = "4096",
      description = "Imports: the most MiB in one CSV, TSV, JSON Lines or JSON file (default: ${DEFAULT-VALUE}).")
  long maxFileMb;

  @Option(names = "--files", defaultValue = "${env:LABELLOOP_FILES_DIR}",
      description = "Directory of image and audio files, shared by every server of a team (e.g. a network file system)"
          + " (default: env LABELLOOP_FILES_DIR, else in the database on PostgreSQL, else DATA/files).")
  Path files;

  @Option(names = "--trust-proxy", defaultValue = "${env:LABELLOOP_TRUST_PROXY:-false}",
      description = "A reverse proxy terminates HTTPS in front: believe its X-Forwarded-Proto (Secure cookie, HSTS)"
          + " (default: env LABELLOOP_TRUST_PROXY, else false).")
  boolean trustProxy;

  @Override
  public Integer call() throws InterruptedException {
    org.labelloop.core.io.ImportLimits limits = org.labelloop.core.io.ImportLimits.DEFAULT.with(maxCellChars, maxRowChars, maxFileMb << 20);
    LabelloopApp app = LabelloopApp.start(new LabelloopApp.Settings(host, port, data, db, demo, embeddings, limits, trustProxy, files), System.out);
    OrderlyExit.onStop(() -> {
      org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);
      log.info("stopping: finishing requests in flight, closing the database");
      app.close();
      log.info("stopped");
    });
    String shown = host.equals("0.0.0.0") ? "localhost" : host;
    System.out.println("Labelloop is running on http://" + shown + ":" + app.port() + "/  (API docs: /api/docs; Ctrl+C to stop)");
    System.out.flush();
    Thread.currentThread().join(); // until a signal stops the server and exits
    return 0;
  }
}
