package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.labelloop.store.Fixtures.NOW;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.io.ImageSize;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.learning.DetectionWorker;
import org.labelloop.core.learning.EmbeddingWorker;
import org.labelloop.core.learning.MediaEmbeddingWorker;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.learn.audio.AudioFeaturizer;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.image.Detection;
import org.labelloop.learn.image.ImageEncoder;
import org.labelloop.learn.image.ObjectDetector;
import org.labelloop.store.testing.EmbeddedPostgresServer;
import org.labelloop.store.testing.TestImages;

/**
 * Two servers' background workers on one PostgreSQL database, run at the same time, do each asset once between them:
 * text embeddings, image vectors and detector pre-annotations. The models count what they are given, slowly enough
 * that the two servers overlap; the database holds one result per asset.
 */
class WorkClaimsIT {
  private static final int TEXTS = 300;
  private static final int IMAGES = 96;

  @Test
  void twoServersEmbedEachTextOnce() throws Exception {
    String url = EmbeddedPostgresServer.get().newDatabaseUrl();
    Map<String, AtomicInteger> embedded = new ConcurrentHashMap<>();
    try (Database one = Database.open(url); Database two = Database.open(url)) {
      Project project = Fixtures.project(one);
      one.assets().insert(project.id(), Fixtures.drafts("e", TEXTS), NOW);
      together(List.of(one, two), db -> new EmbeddingWorker(db.ports(), Clock.systemUTC(), "counting", () -> new CountingTexts(embedded))::runOnce);
      assertEquals(TEXTS, embedded.size(), "every asset embedded");
      assertEquals(List.of(), twice(embedded), "texts embedded twice");
      assertEquals(TEXTS, one.ports().embeddings().vectors(project.id(), "counting", false).size());
    }
  }

  @Test
  void twoServersEmbedEachImageOnce() throws Exception {
    String url = EmbeddedPostgresServer.get().newDatabaseUrl();
    AtomicInteger encoded = new AtomicInteger();
    try (Database one = Database.open(url); Database two = Database.open(url)) {
      Project project = one.projects().create(new ProjectDraft("Photos", "", InputType.IMAGE, Fixtures.classification()), NOW);
      images(one, project);
      together(List.of(one, two), db -> new MediaEmbeddingWorker(db.ports(), files(db), Clock.systemUTC(),
          () -> new CountingImages(encoded), AudioFeaturizer::new)::runOnce);
      assertEquals(IMAGES, one.ports().embeddings().vectors(project.id(), "counting-images", false).size(), "vectors stored");
      assertEquals(IMAGES, encoded.get(), "images encoded, over both servers");
    }
  }

  @Test
  void twoServersPreAnnotateEachImageOnce() throws Exception {
    String url = EmbeddedPostgresServer.get().newDatabaseUrl();
    Map<String, AtomicInteger> detected = new ConcurrentHashMap<>();
    try (Database one = Database.open(url); Database two = Database.open(url)) {
      JsonInterface boxes = JsonInterface.parse(Fixtures.json("""
          {"jobs": {"BOXES": {"mlTask": "OBJECT_DETECTION", "required": 0, "tools": ["rectangle"],
            "content": {"input": "radio", "categories": {"DOG": {"name": "dog"}}}}}}"""));
      Project project = one.projects().create(new ProjectDraft("Dogs", "", InputType.IMAGE, boxes), NOW);
      images(one, project);
      together(List.of(one, two), db -> new DetectionWorker(db.ports(), files(db), Clock.systemUTC(), "counting-detector",
          () -> new CountingDetector(detected))::runOnce);
      List<Label> predictions = one.labels().list(project.id(), LabelType.PREDICTION, null, null, null, 1000).items();
      Map<String, Long> perAsset = predictions.stream().collect(Collectors.groupingBy(Label::assetId, Collectors.counting()));
      assertEquals(IMAGES, perAsset.size(), "images pre-annotated");
      assertEquals(List.of(), perAsset.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList(),
          "images with two predictions");
      assertEquals(IMAGES, detected.size(), "images given to the detector");
      assertEquals(List.of(), twice(detected), "images detected twice");
    }
  }

  /** Runs each server's worker, one batch after another, at the same time, until neither finds work left. */
  private static void together(List<Database> servers, Function<Database, BooleanSupplier> worker) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(servers.size());
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (Database db : servers) {
        BooleanSupplier runOnce = worker.apply(db);
        runs.add(threads.submit(() -> {
          int batches = 0;
          while (runOnce.getAsBoolean()) {
            batches++;
          }
          return batches;
        }));
      }
      for (Future<Integer> run : runs) {
        run.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  private static List<String> twice(Map<String, AtomicInteger> counts) {
    return counts.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList();
  }

  private static FileStore files(Database db) {
    return db.sharedFileStore(Clock.systemUTC()).orElseThrow();
  }

  /** {@value #IMAGES} PNG files of distinct widths, stored in the database, each the content of one asset. */
  private static void images(Database db, Project project) throws IOException {
    List<AssetDraft> drafts = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      byte[] png = TestImages.encode(new BufferedImage(8 + i, 6, BufferedImage.TYPE_INT_RGB), "png");
      String key = files(db).put(project.id(), "img" + i + ".png", new ByteArrayInputStream(png));
      drafts.add(new AssetDraft("img" + i, key, null, 0, false, null));
    }
    db.assets().insert(project.id(), drafts, NOW);
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A text embedder that counts each text it is given. */
  private record CountingTexts(Map<String, AtomicInteger> embedded) implements TextEmbedder {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public float[][] embed(List<String> texts) {
      pause();
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < out.length; i++) {
        embedded.computeIfAbsent(texts.get(i), t -> new AtomicInteger()).incrementAndGet();
        out[i] = new float[] {1, 0};
      }
      return out;
    }
  }

  /** An image encoder that counts the images it is given. */
  private record CountingImages(AtomicInteger encoded) implements ImageEncoder {
    @Override
    public String name() {
      return "counting-images";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public float[][] embed(List<byte[]> images) {
      pause();
      encoded.addAndGet(images.size());
      float[][] out = new float[images.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = new float[] {images.get(i).length, 1};
      }
      return out;
    }

    @Override
    public void close() {}
  }

  /** A detector that counts each image it is given (by its width) and finds a dog in it. */
  private record CountingDetector(Map<String, AtomicInteger> detected) implements ObjectDetector {
    @Override
    public List<String> classes() {
      return List.of("dog");
    }

    @Override
    public List<Detection> detect(byte[] image, double minScore) {
      pause();
      String width = Integer.toString(ImageSize.read(image, image.length).orElseThrow().width());
      detected.computeIfAbsent(width, w -> new AtomicInteger()).incrementAndGet();
      return List.of(new Detection("dog", 0.9, 1, 1, 4, 4));
    }

    @Override
    public void close() {}
  }
}
