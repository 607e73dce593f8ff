package org.labelloop.core.learning;

import java.time.Clock;
import org.labelloop.core.Ports;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows when a project's last embedding is stored (text or media): with a model, or with enough labels for a
 * first one, its classifier retrains with the vectors; else its queue gets the diverse cold-start order
 * ({@link ColdStartOrder}).
 */
final class EmbeddedProjects {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProjects.class);

  private final Ports ports;
  private final Clock clock;
  private final ColdStartOrder coldStart;

  EmbeddedProjects(Ports ports, Clock clock) {
    this.ports = ports;
    this.clock = clock;
    this.coldStart = new ColdStartOrder(ports);
  }

  /** Called after vectors of the project were stored; acts once every asset has one of a single model. */
  void stored(String projectId) {
    String model = ports.embeddings().completeModel(projectId).orElse(null);
    if (model == null) return;
    boolean retrain = retrainWithEmbeddings(projectId);
    int ordered = retrain ? 0 : coldStart.apply(projectId, model);
    LOG.info("Project {}: every asset has its {} embedding{}{}", projectId, model,
        ordered > 0 ? "; " + ordered + " assets to label in diverse cold-start order" : "",
        retrain ? "; its classifier retrains with them" : "");
  }

  /**
   * Queues a training for a project whose classifier was trained before all its embeddings were stored (e.g. right
   * after a labeled import), so its predictions need not wait for ten more labels to use them; a media project's first
   * training, skipped while its vectors were missing, runs now. A training running now took its snapshot before the
   * last vectors were stored, so it counts as such a classifier.
   */
  private boolean retrainWithEmbeddings(String projectId) {
    LearningSettings settings = LearningSettings.fromJson(ports.learning().settings(projectId).orElse(null));
    long labels = ports.learning().humanLabelCount(projectId);
    boolean running = ports.learning().latestJob(projectId).filter(j -> j.status() == TrainingJob.Status.RUNNING).isPresent();
    if (ports.learning().versions(projectId).isEmpty() && !running && labels < settings.minLabels()) return false;
    Job learned = ports.projects().find(projectId).map(p -> settings.retrainedJob(p)).orElse(null);
    if (learned == null || learned.mlTask() != MlTask.CLASSIFICATION) {
      return false;
    }
    ports.tx().inTransaction(() -> ports.learning().enqueue(projectId, "embeddings", labels, clock.instant()));
    return true;
  }
}
