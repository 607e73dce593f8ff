package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.labelloop.core.Ports;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.Project;
import org.labelloop.core.version.VersionItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training job, start to finish: snapshot (reads only), train (no transaction held), then one short transaction
 * that stores the model version, replaces the pool's predictions and queue scores, and closes the job.
 */
final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  private static final int PAGE = 1000;

  private final Ports ports;
  private final Clock clock;
  private final TextModelTrainer trainer;

  TrainingRun(Ports ports, Clock clock, TextModelTrainer trainer) {
    this.ports = ports;
    this.clock = clock;
    this.trainer = trainer;
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
    Job learned = settings.learnedJob(project.jsonInterface());
    if (learned == null) {
      learning.finish(job.id(), TrainingJob.Status.SKIPPED, "no CLASSIFICATION job to learn", null, clock.instant());
      return;
    }
    long t0 = System.nanoTime();
    List<LearningRepository.HumanLabel> answers =
        settings.pinnedVersion() == null ? learning.humanLabels(project.id()) : pinnedAnswers(project.id(), settings.pinnedVersion());
    if (answers == null) {
      learning.finish(job.id(), TrainingJob.Status.SKIPPED, "pinned dataset version " + settings.pinnedVersion() + " no longer exists", null, clock.instant());
      return;
    }
    Snapshot snapshot = Snapshot.of(learning.assets(project.id()), answers, learned.id());
    if (snapshot.labeledCount() < settings.minLabels() || snapshot.classCount() < 2) {
      String why = snapshot.labeledCount() + " labeled assets in " + snapshot.classCount()
          + " classes; the first model needs " + settings.minLabels() + " in at least 2";
      learning.finish(job.id(), TrainingJob.Status.SKIPPED, why, null, clock.instant());
      return;
    }
    int version = learning.nextVersion(project.id());
    long seed = 31L * project.id().hashCode() + version;
    TextModelTrainer.Result model = trainer.train(
        project.id() + ":" + snapshot.texts().size() + ":" + snapshot.assetIds().hashCode(),
        snapshot.texts(), snapshot.assetIds(), snapshot.labeledRows(), snapshot.labels(), snapshot.poolRows(),
        settings.timeBudgetSeconds() * 1000L, seed);
    double[] scores = Uncertainty.scores(settings.strategy(), model.poolProba(), seed);
    String name = ModelVersion.name(version);
    List<Prediction> predictions = new ArrayList<>(snapshot.poolRows().length);
    List<String> predictedClass = new ArrayList<>(snapshot.poolRows().length);
    for (int i = 0; i < snapshot.poolRows().length; i++) {
      String assetId = snapshot.assetIds().get(snapshot.poolRows()[i]);
      double[] p = model.poolProba()[i];
      predictedClass.add(model.classes().get(Uncertainty.argmax(p)));
      predictions.add(new Prediction(assetId, response(learned.id(), model.classes(), p), scores[i]));
    }
    Double changed = changedShare(project.id(), learned.id(), snapshot, predictedClass);
    double seconds = (System.nanoTime() - t0) / 1e9;
    ObjectNode card = model.card();
    card.put("snapshotHash", snapshot.hash());
    card.put("job", learned.id());
    card.put("strategy", settings.strategy().wireName());
    ModelVersion mv = new ModelVersion(project.id(), version, name, job.id(), learned.id(), clock.instant(),
        snapshot.labeledCount(), snapshot.maxLabelId(), seconds, model.cvAccuracy(), model.cvMacroF1(), changed,
        predictions.size(), snapshot.hash(), card);
    Instant now = clock.instant();
    long t1 = System.nanoTime();
    ports.tx().inTransaction(() -> {
      learning.insertVersion(mv, model.bytes());
      learning.publish(project.id(), name, predictions, now);
      learning.finish(job.id(), TrainingJob.Status.DONE, null, version, now);
    });
    LOG.info("Project {}: model {} from {} labels (cv accuracy {}), {} predictions; trained in {} s, published in {} s",
        project.id(), name, snapshot.labeledCount(), model.cvAccuracy(), predictions.size(), String.format("%.2f", seconds),
        String.format("%.2f", (System.nanoTime() - t1) / 1e9));
  }

  /** Share of pool assets (present in both) whose predicted class differs from the previous version's. */
  private Double changedShare(String projectId, String jobId, Snapshot snapshot, List<String> predictedClass) {
    List<ModelVersion> versions = ports.learning().versions(projectId);
    if (versions.isEmpty()) return null;
    Map<String, JsonNode> previous = ports.learning().predictions(projectId, versions.getLast().modelVersion());
    int both = 0, changed = 0;
    for (int i = 0; i < snapshot.poolRows().length; i++) {
      JsonNode old = previous.get(snapshot.assetIds().get(snapshot.poolRows()[i]));
      if (old == null) continue;
      both++;
      Set<String> oldCats = InferenceMarks.categories(old.get(jobId));
      if (!oldCats.contains(predictedClass.get(i))) changed++;
    }
    return both == 0 ? null : (double) changed / both;
  }

  /**
   * Kili's shape with the confidence in percent, plus the whole distribution:
   * {@code {"JOB_0": {"categories": [{"name": "SPAM", "confidence": 93}], "probabilities": {"HAM": 0.07, "SPAM": 0.93}}}}.
   */
  static JsonNode response(String jobId, List<String> classes, double[] p) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    int best = Uncertainty.argmax(p);
    ObjectNode job = f.objectNode();
    job.putArray("categories").addObject().put("name", classes.get(best)).put("confidence", (int) Math.round(100 * p[best]));
    ObjectNode dist = job.putObject("probabilities");
    for (int k = 0; k < classes.size(); k++) dist.put(classes.get(k), Math.round(p[k] * 10_000) / 10_000.0);
    ObjectNode root = f.objectNode();
    root.set(jobId, job);
    return root;
  }
}
