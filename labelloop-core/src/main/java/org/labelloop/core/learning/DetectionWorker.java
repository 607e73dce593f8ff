package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.labelloop.core.Ports;
import org.labelloop.core.io.ImageSize;
import org.labelloop.core.learning.LearningRepository.PendingImage;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.learn.image.Detection;
import org.labelloop.learn.image.ImageDecodeException;
import org.labelloop.learn.image.ObjectDetector;
import org.labelloop.learn.strategy.BoxUncertainty;
import org.labelloop.learn.strategy.Candidates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-annotates object detection projects with a pretrained detector, in the background, on one daemon thread: each
 * image of an IMAGE project whose OBJECT_DETECTION job has categories the detector knows ({@link DetectorSettings}; the
 * shipped one, or the project's own {@link DetectorModel}) gets a PREDICTION label tagged with the detector's version
 * soon after its import — a box with its confidence for
 * every object of a mapped class scoring at least the project's {@code minScore}, or no box when it found none (so the
 * screen and the inference marks know what the model said). As in the {@link EmbeddingWorker}, the work list is the
 * database (images with neither a human label nor any prediction: once a model trained on the project's boxes has
 * relabeled an image's boxes, {@link BoxTraining}, the detector leaves it alone), read by a {@link WorkList} in batches of
 * {@value #BATCH}, the images of pre-annotated projects claimed (so with several servers on one database each image is
 * pre-annotated once) and written in one short transaction, with a rescan every few seconds; a changed mapping drops
 * the version's predictions of unlabeled images ({@link LearningService}), which puts them back on the list. The queue
 * scores come from the project's strategy over {@link BoxUncertainty} of every mapped box above
 * {@value #CANDIDATE_SCORE}, so a box just under the threshold makes its image uncertain. The detector is loaded on the
 * first image and closed with the worker, after the image in flight; a project's own model that no longer loads (its
 * file moved) leaves the project's images waiting, with a warning, and never stops the worker.
 */
public final class DetectionWorker implements AutoCloseable {
  /** The version tag of the shipped detector's predictions. */
  public static final String SHIPPED_VERSION = "nanodet-g";
  private static final Logger LOG = LoggerFactory.getLogger(DetectionWorker.class);
  static final int BATCH = 8;
  static final double CANDIDATE_SCORE = 0.2;
  // short, unlike the embedder's minute: a changed mapping's images wait for the rescan
  private static final Duration RESCAN = Duration.ofSeconds(5);

  private final Ports ports;
  private final FileStore files;
  private final Clock clock;
  private final String version;
  private final Supplier<ObjectDetector> loader;
  private final WorkList<PendingImage> work;
  private volatile ObjectDetector detector;
  private final OwnDetectors own = new OwnDetectors(2);

  /** {@code version} tags the predictions of the detector {@code loader} returns. */
  public DetectionWorker(Ports ports, FileStore files, Clock clock, String version, Supplier<ObjectDetector> loader) {
    this.ports = ports;
    this.files = files;
    this.clock = clock;
    this.version = version;
    this.loader = loader;
    this.work = new WorkList<>("detector", new WorkList.Claims(ports, clock, "detection:" + version), RESCAN, BATCH,
        (after, n) -> ports.learning().withoutPrediction(after, n), PendingImage::assetId, new WorkList.Work<>() {
          @Override
          public List<PendingImage> wanted(List<PendingImage> batch) {
            return preAnnotated(batch);
          }

          @Override
          public void run(List<PendingImage> claimed) {
            WorkList.byProject(claimed, PendingImage::projectId).forEach(DetectionWorker.this::annotate);
          }
        });
  }

  public DetectionWorker start() {
    work.start();
    return this;
  }

  /** Pre-annotates one batch of images; false when none was waiting. */
  public boolean runOnce() {
    return work.runOnce();
  }

  /** The images of projects that are pre-annotated: only these are claimed, so a project left out costs no writes. */
  private List<PendingImage> preAnnotated(List<PendingImage> batch) {
    Set<String> projects = WorkList.byProject(batch, PendingImage::projectId).keySet().stream()
        .filter(projectId -> plan(projectId) != null).collect(Collectors.toSet());
    return batch.stream().filter(image -> projects.contains(image.projectId())).toList();
  }

  /** What pre-annotating a project takes; null when it is not pre-annotated (no such job, detector off, no class mapped). */
  private Plan plan(String projectId) {
    Project project = ports.projects().find(projectId).orElse(null);
    Job job = project == null || project.inputType() != InputType.IMAGE ? null
        : project.jsonInterface().firstJob(MlTask.OBJECT_DETECTION).orElse(null);
    if (job == null) return null;
    LearningSettings settings = LearningSettings.fromJson(ports.learning().settings(projectId).orElse(null));
    Map<String, String> categories = settings.detector().categoriesByClass(job);
    return settings.detector().enabled() && !categories.isEmpty() ? new Plan(job, settings, categories) : null;
  }

  private record Plan(Job job, LearningSettings settings, Map<String, String> categories) {}

  private void annotate(String projectId, List<PendingImage> images) {
    Plan plan = plan(projectId);
    if (plan == null) return; // switched off since the batch was claimed
    Job job = plan.job();
    LearningSettings settings = plan.settings();
    Map<String, String> categories = plan.categories();
    double minScore = settings.detector().minScore();
    DetectorModel.Loaded detector;
    try {
      detector = detector(settings.detector().model());
    } catch (IllegalArgumentException e) {
      LOG.warn("Project {}: its own detector does not load, its images wait: {}", projectId, e.getMessage());
      return;
    }
    List<String> assetIds = new ArrayList<>();
    List<ObjectNode> answers = new ArrayList<>();
    List<double[]> boxScores = new ArrayList<>();
    for (PendingImage image : images) {
      byte[] bytes;
      List<Detection> found;
      try (InputStream in = files.open(image.fileKey())) {
        bytes = in.readAllBytes();
        found = detector.detector().detect(bytes, Math.min(CANDIDATE_SCORE, minScore));
      } catch (IOException | ImageDecodeException e) {
        LOG.debug("Detection worker: image {} of project {}: {}", image.assetId(), projectId, e.getMessage());
        continue;
      }
      ImageSize size = ImageSize.read(bytes, bytes.length).orElse(null);
      if (size == null) continue;
      ObjectNode answer = JsonNodeFactory.instance.objectNode();
      ArrayNode boxes = answer.putObject(job.id()).putArray("annotations");
      List<Double> scores = new ArrayList<>();
      for (Detection d : found) {
        String category = categories.get(d.label());
        if (category == null) continue;
        scores.add(d.score());
        if (d.score() >= minScore) BoxTraining.addBox(boxes, new Detection(category, d.score(), d.x(), d.y(), d.width(), d.height()), size);
      }
      assetIds.add(image.assetId());
      answers.add(answer);
      boxScores.add(scores.stream().mapToDouble(Double::doubleValue).toArray());
    }
    if (assetIds.isEmpty()) return;
    Candidates pool = new Candidates(assetIds.size(), BoxUncertainty.of(boxScores.toArray(double[][]::new)), null, null);
    double[] queue = QueueScores.of(settings, pool, Long.parseLong(assetIds.getFirst()));
    List<Prediction> predictions = new ArrayList<>(assetIds.size());
    for (int i = 0; i < assetIds.size(); i++) predictions.add(new Prediction(assetIds.get(i), answers.get(i), queue[i]));
    ports.tx().inTransaction(() -> ports.learning().addPredictions(projectId, detector.version(), predictions, clock.instant()));
    LOG.debug("Project {}: {} images pre-annotated by {}", projectId, predictions.size(), detector.version());
  }

  /** The shipped detector ({@code model} null) or the project's own, loaded on first use. */
  private DetectorModel.Loaded detector(DetectorModel model) {
    if (model != null) return own.get(model);
    if (detector == null) detector = loader.get();
    return new DetectorModel.Loaded(version, detector);
  }

  /** Stops the thread after the batch in flight, then frees the detector. */
  @Override
  public void close() {
    work.stop();
    ObjectDetector d = detector;
    if (d != null) d.close(); // waits for an image in flight (GuardedSession)
    own.close();
  }
}
