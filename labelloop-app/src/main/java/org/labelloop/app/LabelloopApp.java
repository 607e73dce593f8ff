package org.labelloop.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.Labelloop;
import org.labelloop.core.Ports;
import org.labelloop.core.learning.BoxModels;
import org.labelloop.core.learning.DetectionWorker;
import org.labelloop.core.learning.EmbeddingWorker;
import org.labelloop.core.learning.MediaEmbeddingWorker;
import org.labelloop.core.learning.TrainingWorker;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.user.CreatedUser;
import org.labelloop.learn.audio.AudioFeaturizer;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.feature.SentenceModel;
import org.labelloop.learn.image.NanoDet;
import org.labelloop.core.modelserver.ModelServerWorker;
import org.labelloop.core.webhook.WebhookDispatcher;
import org.labelloop.server.BcryptPasswordHasher;
import org.labelloop.server.HttpModelServerTransport;
import org.labelloop.server.HttpWebhookTransport;
import org.labelloop.server.LabelloopServer;
import org.labelloop.core.io.ImportLimits;
import org.labelloop.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Labelloop: the database, the use cases and the HTTP server, wired together. Close to stop it. */
public final class LabelloopApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LabelloopApp.class);
  public static final String ADMIN_KEY_FILE = "admin-api-key";

  /**
   * What {@code serve} was asked for. {@code dbUrl} null means the SQLite file {@code DATA/labelloop.db};
   * {@code embeddings} runs the background embedder of text assets, gives the NER tagger word-cluster features and
   * runs the shipped detector over the images of object detection projects and the image and audio encoders over media
   * assets; {@code importLimits} caps cells, rows and
   * files of imports; {@code trustProxy} believes a reverse proxy's {@code X-Forwarded-Proto}; {@code filesDir} keeps
   * image and audio files in that (shared) directory, null in the database on PostgreSQL, else in {@code DATA/files}.
   */
  public record Settings(String host, int port, Path dataDir, String dbUrl, boolean demo, boolean embeddings,
      ImportLimits importLimits, boolean trustProxy, Path filesDir) {
    public Settings(String host, int port, Path dataDir, String dbUrl, boolean demo, boolean embeddings) {
      this(host, port, dataDir, dbUrl, demo, embeddings, ImportLimits.DEFAULT, false);
    }

    public Settings(String host, int port, Path dataDir, String dbUrl, boolean demo, boolean embeddings,
        ImportLimits importLimits, boolean trustProxy) {
      this(host, port, dataDir, dbUrl, demo, embeddings, importLimits, trustProxy, null);
    }
  }

  /** Sentence embeddings of up to this many tokens, the model's own training length. */
  private static final int EMBEDDING_TOKENS = 256;

  private final Database database;
  private final LabelloopServer server;
  private final Path dataDir;
  private final TrainingWorker worker;
  private final EmbeddingWorker embedder;
  private final DetectionWorker detector;
  private final MediaEmbeddingWorker mediaEmbedder;
  private final WordEmbedder wordEmbedder;
  private final WebhookDispatcher webhooks;
  private final ModelServerWorker modelServers;

  private LabelloopApp(Database database, LabelloopServer server, Path dataDir, TrainingWorker worker, EmbeddingWorker embedder,
      DetectionWorker detector, MediaEmbeddingWorker mediaEmbedder, WordEmbedder wordEmbedder, WebhookDispatcher webhooks,
      ModelServerWorker modelServers) {
    this.detector = detector;
    this.mediaEmbedder = mediaEmbedder;
    this.database = database;
    this.webhooks = webhooks;
    this.modelServers = modelServers;
    this.worker = worker;
    this.embedder = embedder;
    this.wordEmbedder = wordEmbedder;
    this.server = server;
    this.dataDir = dataDir;
  }

  /** Opens (and migrates) the database, bootstraps the first admin, optionally the demo, and starts serving. */
  public static LabelloopApp start(Settings settings, PrintStream out) {
    Path data = settings.dataDir().toAbsolutePath().normalize();
    Path tmp = data.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + data, e);
    }
    String url = settings.dbUrl() == null || settings.dbUrl().isBlank()
        ? "jdbc:sqlite:" + data.resolve("labelloop.db")
        : settings.dbUrl();
    Database db = Database.open(url);
    try {
      Ports ports = db.ports();
      Clock clock = Clock.systemUTC();
      HttpModelServerTransport modelServerCalls = new HttpModelServerTransport(Duration.ofSeconds(60));
      FileStore files = settings.filesDir() != null ? new DiskFileStore(settings.filesDir())
          : db.sharedFileStore(clock).orElseGet(() -> new DiskFileStore(data.resolve("files")));
      Labelloop app = Labelloop.create(ports, new BcryptPasswordHasher(), clock, files,
          settings.importLimits(), tmp, modelServerCalls);
      int abandoned = app.assets().recoverAbandonedImports(db.abandonedImportCutoff(clock.instant()));
      if (abandoned > 0) {
        LOG.warn("rolled back {} import(s) that a stopped server left unfinished", abandoned);
      }
      bootstrapAdmin(app, data, out);
      if (settings.demo()) {
        new Demo(app, ports).createIfAbsent(out);
      }
      LabelloopServer server = new LabelloopServer(app, ports, clock, tmp, settings.trustProxy()).start(settings.host(), settings.port());
      LOG.info("Labelloop listening on port {} with a {} database, files in {}", server.port(), db.dialectName(),
          files instanceof DiskFileStore ? "a directory" : "the database");
      WordEmbedder words = settings.embeddings() ? new WordEmbedder() : null;
      BoxModels boxes = settings.embeddings()
          ? new BoxModels(files, DetectionWorker.SHIPPED_VERSION, NanoDet::shipped, () -> new ShippedImageEncoder(1)) : null;
      TrainingWorker worker = new TrainingWorker(ports, clock, TrainingWorker.newId(), words, boxes).start(); // background retraining
      EmbeddingWorker embedder = settings.embeddings() ? embeddingWorker(ports, clock).start() : null;
      DetectionWorker detector = settings.embeddings()
          ? new DetectionWorker(ports, files, clock, DetectionWorker.SHIPPED_VERSION, NanoDet::shipped).start() : null;
      MediaEmbeddingWorker mediaEmbedder = settings.embeddings()
          ? new MediaEmbeddingWorker(ports, files, clock, () -> new ShippedImageEncoder(1), AudioFeaturizer::new).start() : null;
      // the outbox is polled twice a second
      WebhookDispatcher webhooks = new WebhookDispatcher(ports, clock, new HttpWebhookTransport(), Duration.ofMillis(500)).start();
      ModelServerWorker modelServers = new ModelServerWorker(ports, clock, modelServerCalls, Duration.ofSeconds(1)).start();
      return new LabelloopApp(db, server, data, worker, embedder, detector, mediaEmbedder, words, webhooks, modelServers);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** One thread, one batch at a time: the embedder shares the machine with labeling and training. */
  private static EmbeddingWorker embeddingWorker(Ports ports, Clock clock) {
    return new EmbeddingWorker(ports, clock, SentenceEmbedder.name(SentenceModel.MINILM_L6, EMBEDDING_TOKENS),
        () -> SentenceEmbedder.miniLm(EMBEDDING_TOKENS, 16, 1));
  }

  private static void bootstrapAdmin(Labelloop app, Path data, PrintStream out) {
    Path keyFile = data.resolve(ADMIN_KEY_FILE);
    Optional<CreatedUser> created = app.users().bootstrapAdmin();
    if (created.isPresent()) {
      writeSecret(keyFile, created.get().apiKey());
      out.println("Created the administrator " + created.get().user().email()
          + " with password: " + created.get().password() + "  (shown once; change it in the browser: your name at the top right, Password)");
      out.println("The administrator's API key is in " + keyFile + " (mode 600).");
    } else if (Files.exists(keyFile)) {
      out.println("The administrator's API key is in " + keyFile + ".");
    }
  }

  /** Writes the file so that it is never readable by others, not even for a moment. */
  static void writeSecret(Path file, String secret) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp); // not a POSIX file system
      }
      Files.writeString(tmp, secret + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public int port() {
    return server.port();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The HTTP routes the server registered (the authorization matrix test checks each). */
  public List<LabelloopServer.Route> routes() {
    return server.routes();
  }

  /** The first admin's API key, as written on first start. */
  public String adminApiKey() {
    try {
      return Files.readString(dataDir.resolve(ADMIN_KEY_FILE)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      webhooks.close();
      modelServers.close();
      worker.close();
      if (embedder != null) embedder.close();
      if (detector != null) detector.close();
      if (mediaEmbedder != null) mediaEmbedder.close();
      if (wordEmbedder != null) wordEmbedder.close();
    } finally {
      database.close();
    }
  }
}
