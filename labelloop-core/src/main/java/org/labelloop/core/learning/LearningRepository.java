package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labelloop.core.port.Page;

/**
 * Stores what the learning loop needs: settings, the training job queue, model versions, and bulk reads and writes of
 * labels and queue scores. Calls join the caller's transaction ({@link org.labelloop.core.port.Transactor}).
 */
public interface LearningRepository {
  /** The stored settings JSON of the project, if any were saved. */
  Optional<JsonNode> settings(String projectId);

  void saveSettings(String projectId, JsonNode settings, Instant now);

  /** Human (DEFAULT/REVIEW), not skipped, labels of the project. */
  long humanLabelCount(String projectId);

  /** The newest job of the project, any status. */
  Optional<TrainingJob> latestJob(String projectId);

  Optional<TrainingJob> job(String jobId);

  /** Newest first. */
  List<TrainingJob> jobs(String projectId, int limit);

  /**
   * Queues a job for the project unless one is already queued; then the queued one absorbs this request (its
   * {@code labelsAtTrigger} is raised). Returns the queued job. At most one QUEUED job per project, even under races.
   */
  TrainingJob enqueue(String projectId, String reason, long labelsAtTrigger, Instant now);

  /**
   * Claims the oldest QUEUED job of a project that has no RUNNING job and marks it RUNNING for {@code workerId}. Never
   * hands one job to two workers (FOR UPDATE SKIP LOCKED on PostgreSQL; the single writer on SQLite).
   */
  Optional<TrainingJob> claim(String workerId, Instant now);

  void heartbeat(String jobId, Instant now);

  void finish(String jobId, TrainingJob.Status status, String message, Integer modelVersion, Instant now);

  /**
   * Puts RUNNING jobs whose heartbeat is older than {@code staleBefore} back to QUEUED (or FAILED when the project
   * already has a queued follow-up, which will train the newer snapshot anyway). Returns how many were re-queued.
   */
  int requeueStale(Instant staleBefore, Instant now);

  /** Every asset of the project in id order (id and text). */
  List<AssetText> assets(String projectId);

  /** Human, not skipped labels of the project in id order. */
  List<HumanLabel> humanLabels(String projectId);

  /** The next model version number (1 for the first). */
  int nextVersion(String projectId);

  List<ModelVersion> versions(String projectId);

  Optional<byte[]> modelBytes(String projectId, int version);

  void insertVersion(ModelVersion version, byte[] model);

  /** jsonResponse of the project's PREDICTION labels of {@code modelVersion}, by asset id. */
  Map<String, JsonNode> predictions(String projectId, String modelVersion);

  /**
   * Replaces the predictions of unlabeled assets: deletes PREDICTION labels of other versions on assets without a
   * human label (one statement), then inserts these (one batched statement) and sets each asset's queue score (one
   * batch). Call inside a transaction.
   */
  void publish(String projectId, String modelVersion, List<Prediction> predictions, Instant now);

  /**
   * Assets with id above {@code afterAssetId} (null: from the start) of IMAGE projects with an OBJECT_DETECTION job,
   * having neither a human label nor any PREDICTION (the detector's, or a trained model's that relabeled its boxes),
   * in id order: a detector's work list.
   */
  List<PendingImage> withoutPrediction(String afterAssetId, int limit);

  /**
   * Adds these PREDICTION labels of {@code modelVersion} to assets that still have neither a human label nor one of
   * that version, and sets their queue scores where they are TODO. Other predictions stay. Call inside a transaction.
   */
  void addPredictions(String projectId, String modelVersion, List<Prediction> predictions, Instant now);

  /** Deletes the project's PREDICTION labels of {@code modelVersion} on assets without a human label; returns how many. */
  int dropPredictions(String projectId, String modelVersion);

  /** Sets a seeded pseudo-random queue score on TODO assets still at score 0 (the cold-start order). */
  int coldStart(String projectId, long seed);

  /**
   * Sets the queue scores of these assets where they are still TODO, unless the project has a model version by now
   * (its predictions order the queue). Returns the rows changed.
   */
  int setColdStartScores(String projectId, Map<String, Double> scoresByAssetId);

  /** Projects that have assets but no model version yet. */
  List<String> projectsWithoutModel();

  /** Each human label that came after a PREDICTION label on the same asset, with that prediction. */
  List<ForwardPair> forwardPairs(String projectId);

  void setInferenceMarks(Map<String, Double> marksByLabelId);

  /** Model labels (PREDICTION/INFERENCE) with a mark below {@code lt} (all marked ones when null), by label id. */
  Page<MarkedLabel> marked(String projectId, Double lt, String cursor, int limit);

  record AssetText(String id, String content) {}

  record PendingImage(String projectId, String assetId, String fileKey) {}

  record HumanLabel(String labelId, String assetId, boolean review, JsonNode jsonResponse) {}

  /** One PREDICTION label to write: the Kili-shaped answer with its distribution, and the asset's queue score. */
  record Prediction(String assetId, JsonNode jsonResponse, double queueScore) {}

  record ForwardPair(String assetId, String modelVersion, JsonNode predicted, JsonNode human) {}

  record MarkedLabel(
      String labelId, String assetId, String externalId, String labelType, String modelVersion, double inferenceMark, JsonNode jsonResponse) {}
}
