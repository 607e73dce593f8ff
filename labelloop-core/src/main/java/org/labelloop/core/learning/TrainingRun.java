package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.labelloop.core.Ports;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.Project;
import org.labelloop.core.quality.Agreement;
import org.labelloop.core.version.VersionItem;
import org.labelloop.core.webhook.WebhookEvents;
import org.labelloop.learn.feature.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training job, start to finish: snapshot (reads only), train the learned job's model with its task's adapter
 * (no transaction held; a {@link SnapshotTraining} with the task's {@link SnapshotTrainer}, {@link BoxTraining} for boxes, or
 * {@link MediaClassificationTraining} for images and audio, {@link TabularTraining} for tables), then one short transaction that stores the model version,
 * replaces the pool's predictions and queue scores, and closes the job.
 */
final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  private static final int PAGE = 1000;

  private final Ports ports;
  private final Clock clock;
  private final Map<LearningTask, TaskTraining> trainings;
  private final WebhookEvents events;
  private final BoxTraining boxTraining;

  /** @param boxes what OBJECT_DETECTION jobs learn with, or null: then they learn nothing */
  TrainingRun(Ports ports, Clock clock, Supplier<TextEmbedder> wordEmbedder, BoxModels boxes) {
    this.ports = ports;
    this.clock = clock;
    TextModelTrainer text = new TextModelTrainer(ports.embeddings());
    Map<LearningTask, TaskTraining> trainings = new EnumMap<>(Map.of(
        LearningTask.TEXT_CLASSIFICATION, new SnapshotTraining<>(text),
        LearningTask.NAMED_ENTITIES, new SnapshotTraining<>(new NerModelTrainer(wordEmbedder)),
        LearningTask.IMAGE_CLASSIFICATION, new MediaClassificationTraining(LearningTask.IMAGE_CLASSIFICATION, text, ports.embeddings()),
        LearningTask.AUDIO_CLASSIFICATION, new MediaClassificationTraining(LearningTask.AUDIO_CLASSIFICATION, text, ports.embeddings()),
        LearningTask.TABULAR_CLASSIFICATION, new SnapshotTraining<>(new TabularTraining(ports.tableSchemas()))));
    this.boxTraining = boxes == null ? null : new BoxTraining(
        id -> LearningSettings.fromJson(ports.learning().settings(id).orElse(null)), boxes);
    if (boxes != null) trainings.put(LearningTask.OBJECT_DETECTION, new SnapshotTraining<>(boxTraining));
    this.trainings = Map.copyOf(trainings);
    this.events = new WebhookEvents(ports, clock);
  }

  /** Frees the models a task loaded (the detector and encoder of boxes). */
  void close() {
    if (boxTraining != null) boxTraining.close();
  }

  /** The answers of a dataset version as review-grade labels, or null when the version is gone. */
  private List<LearningRepository.HumanLabel> pinnedAnswers(String projectId, String versionId) {
    if (ports.versions().find(projectId, versionId).isEmpty()) {
      return null;
    }
    List<LearningRepository.HumanLabel> answers = new ArrayList<>();
    List<VersionItem> page = ports.versions().items(versionId, null, PAGE);
    while (!page.isEmpty()) {
      for (VersionItem item : page) {
        answers.add(new LearningRepository.HumanLabel(item.labelId(), item.assetId(), true, item.answer()));
      }
      page = page.size() < PAGE ? List.of() : ports.versions().items(versionId, page.getLast().externalId(), PAGE);
    }
    return answers;
  }

  void run(TrainingJob job) {
    LearningRepository learning = ports.learning();
    Optional<Project> found = ports.projects().find(job.projectId());
    if (found.isEmpty()) {
      learning.finish(job.id(), TrainingJob.Status.SKIPPED, "project deleted", null, clock.instant());
      return;
    }
    Project project = found.get();
    LearningSettings settings = LearningSettings.fromJson(learning.settings(project.id()).orElse(null));
    Learner learner = settings.learner(project);
    if (!learner.learns()) {
      learning.finish(job.id(), TrainingJob.Status.SKIPPED, learner.reason(), null, clock.instant());
      return;
    }
    Job learned = learner.job();
    long t0 = System.nanoTime();
    List<LearningRepository.HumanLabel> answers =
        settings.pinnedVersion() == null ? learning.humanLabels(project.id()) : pinnedAnswers(project.id(), settings.pinnedVersion());
    if (answers == null) {
      learning.finish(job.id(), TrainingJob.Status.SKIPPED, "pinned dataset version " + settings.pinnedVersion() + " no longer exists", null, clock.instant());
      return;
    }
    int version = learning.nextVersion(project.id());
    long seed = 31L * project.id().hashCode() + version;
    TaskTraining task = trainings.get(learner.task());
    if (task == null) {
      learning.finish(job.id(), TrainingJob.Status.SKIPPED, "this server has no detector to learn boxes with (embeddings off)", null, clock.instant());
      return;
    }
    TaskTraining.Outcome outcome = task.train(project.id(), learned, learning.assets(project.id()), answers, settings, seed);
    if (outcome instanceof TaskTraining.Skipped skipped) {
      learning.finish(job.id(), TrainingJob.Status.SKIPPED, skipped.why(), null, clock.instant());
      return;
    }
    TaskTraining.Trained model = (TaskTraining.Trained) outcome;
    String name = ModelVersion.name(version);
    Double changed = changedShare(project.id(), learned, model.predictions());
    double seconds = (System.nanoTime() - t0) / 1e9;
    ObjectNode card = model.card();
    card.put("snapshotHash", model.snapshotHash());
    card.put("job", learned.id());
    card.put("strategy", settings.strategy().name());
    ModelVersion mv = new ModelVersion(project.id(), version, name, job.id(), learned.id(), clock.instant(),
        model.labeledCount(), model.maxLabelId(), seconds, model.cvAccuracy(), model.cvMacroF1(), changed,
        model.predictions().size(), model.snapshotHash(), card);
    Instant now = clock.instant();
    long t1 = System.nanoTime();
    ports.tx().inTransaction(() -> {
      learning.insertVersion(mv, model.bytes());
      learning.publish(project.id(), name, model.predictions(), now);
      learning.finish(job.id(), TrainingJob.Status.DONE, null, version, now);
      events.modelTrained(mv);
    });
    LOG.info("Project {}: model {} of job {} from {} labels ({}), {} predictions; trained in {} s, published in {} s",
        project.id(), name, learned.id(), model.labeledCount(), crossValidated(mv), model.predictions().size(),
        String.format("%.2f", seconds), String.format("%.2f", (System.nanoTime() - t1) / 1e9));
  }

  /** The version's cross-validated figure in words: accuracy for classes, entity F1 for spans. */
  private static String crossValidated(ModelVersion mv) {
    if (mv.cvAccuracy() != null) return String.format("cv accuracy %.3f", mv.cvAccuracy());
    JsonNode f1 = mv.card().get("cvEntityF1");
    if (f1 != null && f1.isNumber()) return String.format("cv entity F1 %.3f", f1.asDouble());
    JsonNode why = mv.card().get("notCrossValidated");
    return "not cross-validated" + (why != null && why.isTextual() ? ": " + why.asText() : "");
  }

  /** Share of pool assets (predicted by both) whose new prediction does not fully agree with the previous version's. */
  private Double changedShare(String projectId, Job job, List<Prediction> predictions) {
    List<ModelVersion> versions = ports.learning().versions(projectId);
    if (versions.isEmpty()) return null;
    Map<String, JsonNode> previous = ports.learning().predictions(projectId, versions.getLast().modelVersion());
    int both = 0, changed = 0;
    for (Prediction p : predictions) {
      JsonNode old = previous.get(p.assetId());
      if (old == null) continue;
      both++;
      Double agreement = Agreement.job(job, old.get(job.id()), p.jsonResponse().get(job.id()), false);
      if (agreement == null || agreement < 1) changed++;
    }
    return both == 0 ? null : (double) changed / both;
  }
}
