package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.SnapshotTrainer.PoolModel;
import org.labelloop.core.project.Job;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.media.MediaClassifier;
import org.labelloop.learn.media.MediaTable;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.tabular.TableEncoder;
import org.labelloop.learn.tabular.TabularAutoMl;
import org.labelloop.learn.tabular.TabularModel;

/**
 * A CLASSIFICATION job over images or audio clips, learned on the vectors the {@link MediaEmbeddingWorker} stored
 * (the project's image encoder or audio features): the same search as the CLI's {@code automl --task image|audio}
 * (the vectors z-scored as a table of numbers, {@link MediaTable#space} searched by {@link TabularAutoMl}), calibrated
 * class probabilities per pool asset, and the queue by the project's strategy with diversity on the same vectors. A
 * multi-label job learns one-vs-rest over embedding-only candidates ({@link TextModelTrainer#embeddingSpace}), the
 * trainer's "texts" then being asset ids, only keys of the vectors: no feature ever sees a file name. An asset whose file could not be decoded (an empty vector) is neither
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
      if (!job.multiple()) return searchTable(model, job, snapshot, raw, budgetMillis, seed);
      float[][] vectors = MediaTable.standardised(raw, IntStream.range(0, raw.length).toArray());
      int[] poolRows = snapshot.poolRows();
      float[][] poolVectors = new float[poolRows.length][];
      for (int i = 0; i < poolRows.length; i++) poolVectors[i] = vectors[poolRows[i]];
      String cacheKey = projectId + ":" + model + ":" + snapshot.assetIds().size() + ":" + snapshot.assetIds().hashCode();
      return trainer.poolModel(cacheKey, job, snapshot, new ByAssetId(model, snapshot.assetIds(), vectors), poolVectors,
          budgetMillis, seed, true);
    }
  }

  /**
   * The CLI's media search: the vectors as a table z-scored on every asset of the snapshot (no label looked at). The
   * model is saved with that scaling and its encoder's name ({@link MediaClassifier}), so its file scores new images.
   */
  private PoolModel searchTable(String encoderName, Job job, Snapshot<Set<String>> snapshot, float[][] raw, long budgetMillis, long seed) {
    int[] all = IntStream.range(0, raw.length).toArray();
    MediaTable.Scaling scaling = MediaTable.Scaling.fit(raw, all);
    MediaTable t = MediaTable.of(scaling.apply(raw));
    TableEncoder encoder = TableEncoder.fit(t.table(), t.schema(), all, TableEncoder.MAX_CATEGORIES);
    SparseMatrix encoded = encoder.transform(t.table());
    List<String> labels = snapshot.answers().stream().map(a -> a.iterator().next()).toList();
    int classes = (int) labels.stream().distinct().count();
    TabularAutoMl.Config config = new TabularAutoMl.Config(5, Duration.ofMillis(budgetMillis), seed,
        Math.max(1, Runtime.getRuntime().availableProcessors() / 2), MediaTable.space(classes, seed));
    TabularAutoMl.Result result = new TabularAutoMl(config, Clock.systemUTC())
        .fit(t.table(), encoder, encoded, snapshot.labeledRows(), labels, Progress.NONE);
    TabularModel model = result.model();
    int[] pool = snapshot.poolRows();
    double[][] proba = model.predictProba(encoded.rows(pool));
    List<JsonNode> responses = new ArrayList<>(pool.length);
    for (double[] p : proba) {
      responses.add(TextModelTrainer.response(job.id(), model.classes(), p, Set.of(model.classes().get(Metrics.argmax(p)))));
    }
    float[][] poolVectors = Arrays.stream(pool).mapToObj(i -> t.standardised()[i]).toArray(float[][]::new);
    ObjectNode card = ModelCards.json(model.card(), result.leaderboard(), model.classes(), task.wireName());
    card.put("learner", model.card().config().substring(encoder.shortName().length() + 1)); // config is featurizer/learner
    return new PoolModel(new MediaClassifier(encoderName, scaling, model).save(), card, TextModelTrainer.finite(model.card().cvAccuracy()),
        TextModelTrainer.finite(model.card().cvMacroF1()), responses, Candidates.of(proba).withVectors(poolVectors));
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
