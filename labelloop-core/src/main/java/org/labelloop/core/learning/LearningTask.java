package org.labelloop.core.learning;

import java.util.Optional;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;

/**
 * The kinds of model the engine trains, each with one adapter in core ({@link TaskTraining}). Which one a job gets
 * follows from the project's input type: a job whose data has no learner of its kind gets none, and an IMAGE or AUDIO
 * project learns on its stored embeddings ({@link MediaClassificationTraining}), never on its file names; an IMAGE
 * project's boxes on the crops of its images ({@link BoxTraining}).
 */
public enum LearningTask {
  /** A CLASSIFICATION job over text. */
  TEXT_CLASSIFICATION("text-classification"),
  /** A NAMED_ENTITIES_RECOGNITION job over text. */
  NAMED_ENTITIES("named-entities"),
  /** A CLASSIFICATION job over images, on their stored image embeddings. */
  IMAGE_CLASSIFICATION("image-classification"),
  /** A CLASSIFICATION job over audio clips, on their stored audio features. */
  AUDIO_CLASSIFICATION("audio-classification"),
  /** A CLASSIFICATION job over the typed columns of a table's rows. */
  TABULAR_CLASSIFICATION("tabular-classification"),
  /** An OBJECT_DETECTION job over images: the detector's boxes relabeled by a classifier of box crops. */
  OBJECT_DETECTION("object-detection");

  /** What the API and dashboard say where a project without a learner of its kind would show a model. */
  public static final String NO_MODEL_FOR_KIND = "no model for this kind of data yet";

  private final String wireName;

  LearningTask(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The task that learns {@code job} in a project of {@code input}, or empty when none does. */
  public static Optional<LearningTask> of(InputType input, Job job) {
    return switch (job.mlTask()) {
      case CLASSIFICATION -> Optional.of(switch (input) {
        case TEXT -> TEXT_CLASSIFICATION;
        case TABULAR -> TABULAR_CLASSIFICATION;
        case IMAGE -> IMAGE_CLASSIFICATION;
        case AUDIO -> AUDIO_CLASSIFICATION;
      });
      case NAMED_ENTITIES_RECOGNITION -> input == InputType.TEXT ? Optional.of(NAMED_ENTITIES) : Optional.empty();
      case OBJECT_DETECTION -> input == InputType.IMAGE ? Optional.of(OBJECT_DETECTION) : Optional.empty();
    };
  }

  /**
   * Whether its model reads what the server computes in the background after an import: sentence embeddings and image
   * and audio vectors (a class model retrains once they are stored, {@link EmbeddedProjects}) or the detector's boxes
   * (new images get the detector's own at once, {@link DetectionWorker}). A tagger or a table model can predict new
   * assets right after the import, and so can a text model where the server computes no embeddings.
   */
  boolean readsBackgroundVectors() {
    return this != NAMED_ENTITIES && this != TABULAR_CLASSIFICATION;
  }

  /** Whether some input type has a learner for this job's task (the settings accept it as {@code jobId}). */
  static boolean learnable(MlTask task) {
    return task == MlTask.CLASSIFICATION || task == MlTask.NAMED_ENTITIES_RECOGNITION || task == MlTask.OBJECT_DETECTION;
  }
}
