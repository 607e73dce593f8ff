package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.labelloop.core.project.Job;
import org.labelloop.learn.strategy.Candidates;

/**
 * What one task contributes to learning from a snapshot of human answers: how it reads an answer, when there is enough
 * to train, and the trainer (snapshot to model, card and pool predictions). {@link SnapshotTraining} is the one flow
 * around it, the same for every task.
 *
 * @param <A> the task's answer, as {@link Snapshot} holds it
 */
interface SnapshotTrainer<A> extends Snapshot.Answers<A> {

  /** Why {@code snapshot} of the project is too little for a model, for a person to read, or null when it is enough. */
  String notEnough(String projectId, Snapshot<A> snapshot, int minLabels);

  /** Trains on the snapshot's labeled rows and predicts its pool within about {@code budgetMillis}. */
  PoolModel train(String projectId, Job job, Snapshot<A> snapshot, long budgetMillis, long seed);

  /**
   * A trained model and what it says about the pool, in pool row order: the suggested answer of each asset (Kili's
   * shape, keyed by the job id) and the uncertainties the project's strategy ranks on.
   *
   * @param cvAccuracy cross-validated accuracy where the task measures it, else null (likewise {@code cvMacroF1})
   */
  record PoolModel(byte[] bytes, ObjectNode card, Double cvAccuracy, Double cvMacroF1, List<JsonNode> responses,
      Candidates candidates) {}
}
