package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.labelloop.core.ExpiringCache;
import org.labelloop.core.Ports;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.Label;
import org.labelloop.core.learning.LearningRepository.MarkedLabel;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.core.quality.Agreement;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.media.MediaClassifier;
import org.labelloop.learn.model.ModelFile;

/**
 * The learning loop's use cases: settings, model versions, training on demand, the learning curve, inference marks.
 * The queue and every label read the settings, so they are cached for a few seconds ({@link ExpiringCache}).
 */
public final class LearningService {
  private final Ports ports;
  private final Access access;
  private final Clock clock;
  private final ExpiringCache<String, LearningSettings> settings;
  private final HumanLabelTally humanLabels;

  public LearningService(Ports ports, Access access, Clock clock) {
    this.ports = ports;
    this.access = access;
    this.clock = clock;
    this.settings = new ExpiringCache<>("learning-settings", ports.invalidations(), clock);
    this.humanLabels = new HumanLabelTally(clock);
  }

  public LearningSettings settings(Caller caller, String projectId) {
    access.require(caller, projectId, Role.LABELER);
    return settings(projectId);
  }

  /** The retrain trigger's count of each project's human labels, shared by every path that stores labels. */
  HumanLabelTally humanLabels() {
    return humanLabels;
  }

  LearningSettings settings(String projectId) {
    return settings.get(projectId, () -> Optional.of(stored(projectId))).orElseThrow();
  }

  private LearningSettings stored(String projectId) {
    return LearningSettings.fromJson(ports.learning().settings(projectId).orElse(null));
  }

  /**
   * Changes the fields given; validates the result as a whole. Project ADMIN only. A changed {@code detector} drops the
   * previous detector's predictions of unlabeled images, so that they are made again with the new model, mapping and
   * threshold; a changed {@code encoder} or detector {@code model} must load and take an image, and a changed encoder
   * drops the project's vectors, which the media embedder makes again.
   */
  public LearningSettings updateSettings(Caller caller, String projectId, JsonNode patch) {
    Project project = access.requireProject(caller, projectId, Role.ADMIN).project();
    ObjectNode stored = ports.learning().settings(projectId).filter(JsonNode::isObject).map(n -> ((ObjectNode) n).deepCopy())
        .orElseGet(JsonNodeFactory.instance::objectNode);
    LearningSettings before = LearningSettings.fromJson(stored);
    LearningSettings result = before.patch(patch);
    result.check(project.jsonInterface());
    if (result.pinnedVersion() != null && ports.versions().find(projectId, result.pinnedVersion()).isEmpty()) {
      throw LabelloopException.invalid("pinnedVersion: no dataset version " + result.pinnedVersion() + " in this project");
    }
    boolean encoderChanged = !java.util.Objects.equals(result.encoder(), before.encoder());
    if (encoderChanged && result.encoder() != null) {
      if (project.inputType() != InputType.IMAGE) throw LabelloopException.invalid("encoder: only an IMAGE project has an image encoder");
      try {
        result.encoder().load().close();
      } catch (IllegalArgumentException e) {
        throw LabelloopException.invalid("encoder: " + e.getMessage());
      }
    }
    DetectorModel model = result.detector().model();
    if (model != null && !model.equals(before.detector().model())) {
      if (project.inputType() != InputType.IMAGE) throw LabelloopException.invalid("detector.model: only an IMAGE project has a detector");
      try {
        model.load().detector().close();
      } catch (IllegalArgumentException e) {
        throw LabelloopException.invalid("detector.model: " + e.getMessage());
      }
    }
    String previousDetector = result.detector().equals(before.detector()) ? null : detectorVersion(before.detector());
    if (patch != null && patch.isObject()) {
      patch.properties().forEach(e -> stored.set(e.getKey(), e.getValue()));
    }
    ports.tx().inTransaction(() -> {
      ports.learning().saveSettings(projectId, stored, clock.instant());
      if (previousDetector != null) ports.learning().dropPredictions(projectId, previousDetector); // the detector redoes them
      if (encoderChanged) ports.embeddings().drop(projectId);
    });
    settings.invalidateAll();
    return result;
  }

  /** The tag of the predictions {@code detector} made; null when its model file can no longer be read. */
  private static String detectorVersion(DetectorSettings detector) {
    if (detector.model() == null) return DetectionWorker.SHIPPED_VERSION;
    try {
      return detector.model().version();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** What the project learns, or why it learns nothing (e.g. no model for this kind of data yet). */
  public Learner learner(Caller caller, String projectId) {
    Project project = access.requireProject(caller, projectId, Role.LABELER).project();
    return settings(projectId).learner(project);
  }

  /** The detector's class each category of the first OBJECT_DETECTION job gets by its name (null: none); empty without such a job. */
  public Map<String, String> detectorMatchesByName(Caller caller, String projectId) {
    Project project = access.requireProject(caller, projectId, Role.LABELER).project();
    DetectorSettings detector = settings(projectId).detector();
    return project.jsonInterface().firstJob(MlTask.OBJECT_DETECTION).map(detector::matchesByName).orElse(Map.of());
  }

  public List<ModelVersion> models(Caller caller, String projectId) {
    access.require(caller, projectId, Role.LABELER);
    return ports.learning().versions(projectId);
  }

  /**
   * Version {@code version} of a project's classifier as one {@link ModelFile}, to score its pool outside the server
   * (the Spark job): a text classifier, or a single-choice image classifier with its encoder (the shipped one by name,
   * the project's own ONNX file whole). Project ADMIN: the file holds what the model learned from the team's labels.
   */
  public byte[] modelFile(Caller caller, String projectId, int version) {
    Project project = access.requireProject(caller, projectId, Role.ADMIN).project();
    ModelVersion v = ports.learning().versions(projectId).stream().filter(m -> m.version() == version).findFirst()
        .orElseThrow(() -> LabelloopException.notFound("model version " + version));
    String task = v.card().path("task").asText("");
    boolean text = project.inputType() == InputType.TEXT && task.equals(LearningTask.TEXT_CLASSIFICATION.wireName());
    boolean image = project.inputType() == InputType.IMAGE && task.equals(LearningTask.IMAGE_CLASSIFICATION.wireName());
    if (!text && !image) {
      throw LabelloopException.invalid("model version " + version + " is a " + project.inputType().name().toLowerCase(Locale.ROOT)
          + " " + (task.isEmpty() ? "" : task + " ") + "model; only text and image classifiers export to a file");
    }
    byte[] model = ports.learning().modelBytes(projectId, version).filter(b -> b.length > 0)
        .orElseThrow(() -> LabelloopException.notFound("the weights of model version " + version));
    ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + 64);
    try {
      new ModelFile(v.modelVersion(), v.learnedJob(), model, image ? imageEncoding(projectId, version, model) : null).write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The encoder whose vectors an image model version learned on, if the project still has it. */
  private ModelFile.ImageEncoding imageEncoding(String projectId, int version, byte[] model) {
    MediaClassifier classifier;
    try {
      classifier = MediaClassifier.load(model);
    } catch (IllegalArgumentException e) {
      throw LabelloopException.invalid("model version " + version + " is a multi-label image classifier (or older than"
          + " image export); only single-choice image classifiers export to a file");
    }
    if (classifier.encoder().equals(ShippedImageEncoder.NAME)) return ModelFile.ImageEncoding.shipped();
    EncoderSettings own = stored(projectId).encoder();
    ModelFile.ImageEncoding encoding;
    try {
      encoding = own == null ? null : own.encoding();
    } catch (IllegalArgumentException e) {
      throw LabelloopException.invalid("the project's image encoder: " + e.getMessage());
    }
    if (encoding == null || !encoding.name().equals(classifier.encoder())) {
      throw LabelloopException.invalid("model version " + version + " learned on vectors of " + classifier.encoder()
          + ", and the project's image encoder is now " + (encoding == null ? "the shipped one" : encoding.name())
          + "; train again to export");
    }
    return encoding;
  }

  public List<TrainingJob> jobs(Caller caller, String projectId, int limit) {
    access.require(caller, projectId, Role.LABELER);
    return ports.learning().jobs(projectId, limit <= 0 ? 20 : Math.min(limit, 200));
  }

  /** Queues a training now (coalescing with a queued one). Project ADMIN only. */
  public TrainingJob train(Caller caller, String projectId) {
    Project project = access.requireProject(caller, projectId, Role.ADMIN).project();
    LearningSettings settings = stored(projectId);
    Learner learner = settings.learner(project);
    if (!learner.learns()) {
      throw LabelloopException.invalid("This project learns nothing: " + learner.reason());
    }
    return ports.tx().inTransaction(() -> ports.learning().enqueue(projectId, "manual", ports.learning().humanLabelCount(projectId), clock.instant()));
  }

  public LearningCurve curve(Caller caller, String projectId) {
    Project project = access.requireProject(caller, projectId, Role.LABELER).project();
    return LearningCurve.of(project.jsonInterface(), ports.learning().versions(projectId), ports.learning().forwardPairs(projectId));
  }

  /**
   * A model label's inference mark, and the same agreement with partial credit for overlapping NER spans
   * ({@code overlapMark}; equal to the mark when the project has no NER job).
   */
  public record Mark(MarkedLabel label, Double overlapMark) {}

  /** Model labels with an inference mark, optionally only those below {@code lt}. */
  public Page<Mark> marks(Caller caller, String projectId, Double lt, String cursor, int limit) {
    // a mark says whether the human answer is the model's: a reviewer's figure, as quality marks are
    Project project = access.requireProject(caller, projectId, Role.REVIEWER).project();
    if (lt != null && (lt.isNaN() || lt < 0 || lt > 1.000001)) {
      throw LabelloopException.invalid("inferenceMarkLt: must be a number in [0, 1]");
    }
    Page<MarkedLabel> page = ports.learning().marked(projectId, lt, cursor, limit);
    Map<String, List<Label>> labels = labelsOf(page);
    List<Mark> out = new ArrayList<>(page.items().size());
    for (MarkedLabel m : page.items()) {
      Label human = LearningTrigger.chosenHuman(labels.getOrDefault(m.assetId(), List.of()));
      out.add(new Mark(m, human == null ? null : Agreement.mark(project.jsonInterface(), human.jsonResponse(), m.jsonResponse(), true)));
    }
    return new Page<>(out, page.nextCursor());
  }

  /** A human answer and a model answer that differ, per classification job. */
  public record Disagreement(
      String assetId, String externalId, String labelId, String labelType, String modelVersion, double inferenceMark,
      String jobId, Set<String> human, Set<String> model) {}

  /** Assets where a model label disagrees with the human one (mark below 1), with both category sets. */
  public Page<Disagreement> disagreements(Caller caller, String projectId, String cursor, int limit) {
    Project project = access.requireProject(caller, projectId, Role.REVIEWER).project();
    Page<MarkedLabel> page = ports.learning().marked(projectId, 1.0, cursor, limit);
    Map<String, List<Label>> labels = labelsOf(page);
    List<Disagreement> out = new ArrayList<>();
    for (MarkedLabel m : page.items()) {
      Label human = LearningTrigger.chosenHuman(labels.getOrDefault(m.assetId(), List.of()));
      if (human == null) continue;
      for (Job job : project.jsonInterface().jobs().values()) {
        if (job.mlTask() != MlTask.CLASSIFICATION) continue;
        Set<String> h = InferenceMarks.categories(human.jsonResponse().get(job.id()));
        Set<String> p = InferenceMarks.categories(m.jsonResponse().get(job.id()));
        if (!h.equals(p)) {
          out.add(new Disagreement(m.assetId(), m.externalId(), m.labelId(), m.labelType(), m.modelVersion(), m.inferenceMark(), job.id(), h, p));
        }
      }
    }
    return new Page<>(out, page.nextCursor());
  }

  /** Every label of the page's assets, by asset id, in one read. */
  private Map<String, List<Label>> labelsOf(Page<MarkedLabel> page) {
    return ports.labels().forAssets(page.items().stream().map(MarkedLabel::assetId).distinct().toList());
  }
}
