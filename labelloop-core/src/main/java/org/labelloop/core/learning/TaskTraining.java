package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.Job;

/** Trains a model for one kind of job on a project's snapshot and predicts every asset without a human answer. */
interface TaskTraining {

  /**
   * @param assets every asset of the project, in id order
   * @param answers the human labels to learn from, in id order
   */
  Outcome train(String projectId, Job job, List<AssetText> assets, List<HumanLabel> answers, LearningSettings settings, long seed);

  sealed interface Outcome permits Skipped, Trained {}

  /** Nothing trained, for a reason a person can read (e.g. too few labels). */
  record Skipped(String why) implements Outcome {}

  /** A trained model: what it learned from, its quality, bytes and card, and one prediction per pool asset. */
  record Trained(int labeledCount, long maxLabelId, String snapshotHash, Double cvAccuracy, Double cvMacroF1,
      ObjectNode card, byte[] bytes, List<Prediction> predictions) implements Outcome {}
}
