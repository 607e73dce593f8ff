package org.labelloop.core.learning;

import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.learning.SnapshotTrainer.PoolModel;
import org.labelloop.core.project.Job;

/**
 * The training flow of every task that learns from human answers: snapshot, skip while it is too little, train, score
 * the pool with the project's strategy and pre-annotate every pool asset. What differs between tasks is their
 * {@link SnapshotTrainer}.
 */
final class SnapshotTraining<A> implements TaskTraining {
  private final SnapshotTrainer<A> trainer;

  SnapshotTraining(SnapshotTrainer<A> trainer) {
    this.trainer = trainer;
  }

  @Override
  public Outcome train(String projectId, Job job, List<AssetText> assets, List<HumanLabel> answers, LearningSettings settings, long seed) {
    Snapshot<A> snapshot = Snapshot.of(assets, answers, job.id(), trainer);
    String notEnough = trainer.notEnough(projectId, snapshot, settings.minLabels());
    if (notEnough != null) return new Skipped(notEnough);
    PoolModel model = trainer.train(projectId, job, snapshot, settings.timeBudgetSeconds() * 1000L, seed);
    double[] scores = QueueScores.of(settings, model.candidates(), seed);
    List<Prediction> predictions = new ArrayList<>(snapshot.poolRows().length);
    for (int i = 0; i < snapshot.poolRows().length; i++) {
      predictions.add(new Prediction(snapshot.assetIds().get(snapshot.poolRows()[i]), model.responses().get(i), scores[i]));
    }
    return new Trained(snapshot.labeledCount(), snapshot.maxLabelId(), snapshot.hash(), model.cvAccuracy(), model.cvMacroF1(),
        model.card(), model.bytes(), predictions);
  }
}
