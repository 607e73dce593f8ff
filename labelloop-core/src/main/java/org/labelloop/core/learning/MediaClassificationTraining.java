package org.labelloop.core.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.SnapshotTrainer.PoolModel;
import org.labelloop.core.project.Job;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.media.MediaTable;

/**
 * A CLASSIFICATION job over images or audio clips, learned on the vectors the {@link MediaEmbeddingWorker} stored
 * (the project's image encoder or audio features): AutoML over embedding-only candidates
 * ({@link TextModelTrainer#embeddingSpace}), calibrated class probabilities per pool asset, and the queue by the
 * project's strategy with diversity on the same vectors. The trainer's "texts" are asset ids, only keys of the
 * vectors: no feature ever sees a file name. An asset whose file could not be decoded (an empty vector) is neither
 * trained on nor predicted; the card counts it. Until every asset has its vector, nothing trains.
 */
final class MediaClassificationTraining implements TaskTraining {
  private final LearningTask task;
  private final TextModelTrainer trainer;
  private final EmbeddingRepository embeddings;

  MediaClassificationTraining(LearningTask task, TextModelTrainer trainer, EmbeddingRepository embeddings) {
    this.task = task;
    this.trainer = trainer;
    this.embeddings = embeddings;
  }

  @Override
  public Outcome train(String projectId, Job job, List<AssetText> assets, List<HumanLabel> answers, LearningSettings settings, long seed) {
    String model = embeddings.completeModel(projectId).orElse(null);
    if (model == null) {
      return new Skipped("waiting for the embeddings of every asset (computed in the background after the import)");
    }
    Map<String, float[]> stored = embeddings.vectors(projectId, model, false);
    List<AssetText> decoded = new ArrayList<>(assets.size());
    for (AssetText a : assets) {
      float[] v = stored.get(a.id());
      if (v != null && v.length > 0) decoded.add(new AssetText(a.id(), a.id()));
    }
    Outcome outcome = new SnapshotTraining<>(new OnVectors(model, stored))
        .train(projectId, job, decoded, answers, settings, seed);
    if (outcome instanceof Trained trained) {
      trained.card().put("task", task.wireName()).put("featurizer", model).put("undecodableAssets", assets.size() - decoded.size());
    }
    return outcome;
  }

  /** The classification task's answers and trainer, on the stored vectors instead of texts. */
  private final class OnVectors implements ClassificationAnswers {
    private final String model;
    private final Map<String, float[]> stored;

    OnVectors(String model, Map<String, float[]> stored) {
      this.model = model;
      this.stored = stored;
    }

    @Override
    public PoolModel train(String projectId, Job job, Snapshot<Set<String>> snapshot, long budgetMillis, long seed) {
      float[][] raw = snapshot.assetIds().stream().map(stored::get).toArray(float[][]::new);
      float[][] vectors = MediaTable.standardised(raw, IntStream.range(0, raw.length).toArray());
      int[] poolRows = snapshot.poolRows();
      float[][] poolVectors = new float[poolRows.length][];
      for (int i = 0; i < poolRows.length; i++) poolVectors[i] = vectors[poolRows[i]];
      String cacheKey = projectId + ":" + model + ":" + snapshot.assetIds().size() + ":" + snapshot.assetIds().hashCode();
      return trainer.poolModel(cacheKey, job, snapshot, new ByAssetId(model, snapshot.assetIds(), vectors), poolVectors,
          budgetMillis, seed, true);
    }
  }

  /** The stored vectors as the trainer's embedder: its texts are the snapshot's asset ids. */
  private record ByAssetId(String name, List<String> assetIds, float[][] vectors) implements TextEmbedder {
    @Override
    public int dimension() {
      return vectors[0].length;
    }

    @Override
    public float[][] embed(List<String> texts) {
      Map<String, Integer> row = new java.util.HashMap<>(assetIds.size() * 2);
      for (int i = 0; i < assetIds.size(); i++) row.put(assetIds.get(i), i);
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < out.length; i++) out[i] = vectors[row.get(texts.get(i))];
      return out;
    }
  }
}
