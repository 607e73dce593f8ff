package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.labelloop.core.io.BoxAnswers;
import org.labelloop.core.io.ImageSize;
import org.labelloop.core.project.Job;
import org.labelloop.core.quality.Agreement;
import org.labelloop.learn.image.CropClassifier;
import org.labelloop.learn.image.Detection;
import org.labelloop.learn.image.ImageBoxes;
import org.labelloop.learn.image.ImageDecodeException;
import org.labelloop.learn.image.ImageEncoder;
import org.labelloop.learn.image.ObjectDetector;
import org.labelloop.learn.model.Confidence;
import org.labelloop.learn.strategy.BoxUncertainty;
import org.labelloop.learn.strategy.Candidates;

/**
 * An OBJECT_DETECTION job over images, learned from its human boxes as a {@link CropClassifier}: every image's detector
 * proposals (the shipped detector's, or the project's own {@link DetectorModel}'s) and their crop vectors ({@link ImageBoxes}, kept in memory for the last {@value #CACHED_IMAGES} files, as
 * an image's file never changes), the labeled images' boxes embedded too; the pool's proposals relabeled, each box
 * scoring at least the detector settings' {@code minScore} becoming a PREDICTION box with its confidence, and the queue
 * by the project's strategy over {@link BoxUncertainty} of every relabeled box. A category whose name maps to one of the
 * detector's classes keeps the detector's boxes ({@link DetectorSettings}). An image that cannot be read is neither trained on nor
 * given boxes; the card counts it. The snapshot's "texts" are the images' file keys.
 */
final class BoxTraining implements SnapshotTrainer<List<Agreement.Box>>, AutoCloseable {
  static final int CACHED_IMAGES = 1000;

  private final Function<String, LearningSettings> settings;
  private final BoxModels models;
  private final Map<String, ImageBoxes> proposals = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, ImageBoxes> eldest) {
      return size() > CACHED_IMAGES;
    }
  });
  private ObjectDetector detector;
  private final OwnDetectors own = new OwnDetectors(1);
  private ImageEncoder encoder;

  /** @param settings the learning settings of a project id */
  BoxTraining(Function<String, LearningSettings> settings, BoxModels models) {
    this.settings = settings;
    this.models = models;
  }

  @Override
  public List<Agreement.Box> read(JsonNode jobAnswer, String text) {
    return jobAnswer == null || !jobAnswer.path("annotations").isArray() ? null : Agreement.boxes(jobAnswer);
  }

  @Override
  public String fingerprint(List<Agreement.Box> boxes) {
    return boxes.toString();
  }

  @Override
  public String notEnough(String projectId, Snapshot<List<Agreement.Box>> snapshot, int minLabels) {
    long boxes = snapshot.answers().stream().mapToLong(List::size).sum();
    if (snapshot.labeledCount() >= minLabels && boxes > 0) return null;
    return snapshot.labeledCount() + " labeled images with " + boxes + " boxes; the first model needs " + minLabels
        + " labeled images with at least one box";
  }

  @Override
  public synchronized PoolModel train(String projectId, Job job, Snapshot<List<Agreement.Box>> snapshot, long budgetMillis, long seed) {
    DetectorSettings detection = settings.apply(projectId).detector();
    DetectorModel.Loaded detector = detector(detection.model());
    Map<String, String> byClass = detection.enabled() ? detection.categoriesByClass(job) : Map.of();
    List<float[]> vectors = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    int unreadable = 0;
    for (int i = 0; i < snapshot.labeledRows().length; i++) {
      Read r = read(detector, snapshot.texts().get(snapshot.labeledRows()[i]), snapshot.answers().get(i));
      if (r == null) unreadable++; else r.image.addTrainingRows(vectors, labels);
    }
    Optional<CropClassifier> model = CropClassifier.train(vectors, labels);
    List<JsonNode> responses = new ArrayList<>();
    double[][] scores = new double[snapshot.poolRows().length][];
    for (int i = 0; i < scores.length; i++) {
      Read r = read(detector, snapshot.texts().get(snapshot.poolRows()[i]), List.of());
      ObjectNode answer = JsonNodeFactory.instance.objectNode();
      ArrayNode boxes = answer.putObject(job.id()).putArray("annotations");
      List<Detection> found = r == null ? List.of() : r.image.relabeled(model, byClass);
      for (Detection d : found) if (d.score() >= detection.minScore()) addBox(boxes, d, r.size);
      if (r == null) unreadable++;
      responses.add(answer);
      scores[i] = found.stream().mapToDouble(Detection::score).toArray();
    }
    ObjectNode card = card(detector.version(), model, labels, byClass, snapshot.labeledCount(), unreadable);
    return new PoolModel(bytes(model), card, null, null, responses, new Candidates(scores.length, BoxUncertainty.of(scores), null, null));
  }

  /** A box of a category id as a rectangle of a Kili answer, with its confidence in percent. */
  static void addBox(ArrayNode annotations, Detection d, ImageSize size) {
    BoxAnswers.rectangle(annotations, d.label(), d.x() / size.width(), d.y() / size.height(),
        (d.x() + d.width()) / size.width(), (d.y() + d.height()) / size.height())
        .put("confidence", Confidence.percent(d.score()));
  }

  private record Read(ImageBoxes image, ImageSize size) {}

  /** The image's proposals by {@code detector} (cached) and the crops of its human boxes, or null when it cannot be read. */
  private Read read(DetectorModel.Loaded detector, String fileKey, List<Agreement.Box> truth) {
    try (InputStream in = models.files().open(fileKey)) {
      byte[] bytes = in.readAllBytes();
      ImageSize size = ImageSize.read(bytes, bytes.length).orElse(null);
      if (size == null) return null;
      String key = detector.version() + " " + fileKey;
      ImageBoxes image = proposals.get(key);
      if (image == null) {
        image = ImageBoxes.of(bytes, List.of(), detector.detector(), encoder());
        proposals.put(key, image);
      }
      List<Detection> pixels = truth.stream().map(b -> new Detection(b.category(), 1, b.minX() * size.width(),
          b.minY() * size.height(), (b.maxX() - b.minX()) * size.width(), (b.maxY() - b.minY()) * size.height())).toList();
      return new Read(image.withTruth(bytes, pixels, encoder()), size);
    } catch (IOException | ImageDecodeException e) {
      return null;
    }
  }

  private ObjectNode card(String detector, Optional<CropClassifier> model, List<String> labels, Map<String, String> byClass,
      int images, int unreadable) {
    ObjectNode card = JsonNodeFactory.instance.objectNode();
    card.put("task", LearningTask.OBJECT_DETECTION.wireName())
        .put("detector", detector)
        .put("featurizer", encoder().name())
        .put("classifier", model.isPresent() ? "softmax(C=" + CropClassifier.C + ") on box crops" : "none (too few crops)")
        .put("labeledImages", images)
        .put("unreadableImages", unreadable)
        .put("proposalMinScore", ImageBoxes.PROPOSAL_SCORE);
    ObjectNode crops = card.putObject("trainingCrops");
    Map<String, Integer> counts = new TreeMap<>();
    labels.forEach(l -> counts.merge(l, 1, Integer::sum));
    counts.forEach(crops::put);
    ObjectNode kept = card.putObject("categoriesKeptFromDetector");
    byClass.forEach((cls, category) -> kept.put(category, cls));
    return card;
  }

  private static byte[] bytes(Optional<CropClassifier> model) {
    if (model.isEmpty()) return new byte[0];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(model.get());
    } catch (IOException e) {
      throw new IllegalStateException("serialising a model to memory failed", e);
    }
    return out.toByteArray();
  }

  /** Frees the detector and encoder after the training in flight. */
  @Override
  public synchronized void close() {
    if (detector != null) detector.close();
    own.close();
    if (encoder != null) encoder.close();
    detector = null;
    encoder = null;
  }

  /** The shipped detector ({@code model} null) or a project's own, the last one loaded kept. */
  private DetectorModel.Loaded detector(DetectorModel model) {
    if (model == null) {
      if (detector == null) detector = models.detector().get();
      return new DetectorModel.Loaded(models.detectorVersion(), detector);
    }
    return own.get(model); // one that no longer loads fails the training with its message
  }

  private ImageEncoder encoder() {
    if (encoder == null) encoder = models.encoder().get();
    return encoder;
  }
}
