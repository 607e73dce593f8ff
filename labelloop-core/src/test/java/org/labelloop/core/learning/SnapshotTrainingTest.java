package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;

/** The one training flow with the classification task's trainer (the NER task's is in {@link NerTrainingTest}). */
class SnapshotTrainingTest {
  private static final Job CLASSIFY = JsonInterface.parse(InferenceMarksTest.json("""
      {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "content": {"categories": {"SPORT": {}, "MONEY": {}}}}}}""")).job("JOB_0");
  private static final String[] SPORT = {"goal", "match", "striker", "league", "coach"};
  private static final String[] MONEY = {"bank", "profit", "shares", "market", "rates"};

  private static HumanLabel label(int id, String asset, String category) {
    return new HumanLabel(Integer.toString(id), asset, false,
        InferenceMarksTest.json("{\"JOB_0\": {\"categories\": [{\"name\": \"" + category + "\"}]}}"));
  }

  private final SnapshotTraining<?> training = new SnapshotTraining<>(new TextModelTrainer(new Stored(Map.of())));

  @Test
  void preAnnotatesEveryPoolAssetWithItsClassDistribution() {
    List<AssetText> assets = new ArrayList<>();
    List<HumanLabel> labels = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      boolean sport = i % 2 == 0;
      String[] words = sport ? SPORT : MONEY;
      assets.add(new AssetText("a" + i, "the " + words[i % 5] + " and the " + words[(i + 2) % 5] + " today"));
      if (i < 20) labels.add(label(i + 1, "a" + i, sport ? "SPORT" : "MONEY"));
    }
    LearningSettings settings = LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"timeBudgetSeconds\": 2, \"strategy\": \"margin\"}"));

    TaskTraining.Trained t = assertInstanceOf(TaskTraining.Trained.class, training.train("p", CLASSIFY, assets, labels, settings, 7));

    assertEquals(20, t.labeledCount());
    assertEquals(20, t.maxLabelId());
    assertNotNull(t.cvAccuracy());
    assertEquals("text-classification", t.card().path("task").asText());
    assertEquals(10, t.predictions().size());
    for (Prediction p : t.predictions()) {
      int i = Integer.parseInt(p.assetId().substring(1));
      String expected = i % 2 == 0 ? "SPORT" : "MONEY";
      assertEquals(expected, p.jsonResponse().path("JOB_0").path("categories").get(0).path("name").asText(), p.toString());
      double sum = p.jsonResponse().path("JOB_0").path("probabilities").path("SPORT").asDouble()
          + p.jsonResponse().path("JOB_0").path("probabilities").path("MONEY").asDouble();
      assertEquals(1, sum, 1e-3);
      assertTrue(p.queueScore() >= 0 && p.queueScore() <= 1, p.toString());
    }
  }

  @Test
  void aNearlyCertainPredictionIsNotStoredAsACertainty() {
    double[] p = {0.99996, 0.00004, 0};
    var job = TextModelTrainer.response("JOB_0", List.of("SPORT", "MONEY", "OTHER"), p, Set.of("SPORT")).path("JOB_0");

    assertEquals(99, job.path("categories").get(0).path("confidence").asInt());
    assertEquals(0.9999, job.path("probabilities").path("SPORT").asDouble());
    assertEquals(0.0001, job.path("probabilities").path("MONEY").asDouble());
    assertEquals(0.0, job.path("probabilities").path("OTHER").asDouble());
  }

  @Test
  void skipsWhileOneClassIsLabeled() {
    List<AssetText> assets = new ArrayList<>();
    List<HumanLabel> labels = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      assets.add(new AssetText("a" + i, "goal " + i));
      labels.add(label(i + 1, "a" + i, "SPORT"));
    }
    TaskTraining.Outcome o = training.train("p", CLASSIFY, assets, labels, LearningSettings.DEFAULTS, 1);
    assertEquals("12 labeled assets in 1 classes; the first model needs 10 in at least 2",
        assertInstanceOf(TaskTraining.Skipped.class, o).why());
  }

  @Test
  void withStoredEmbeddingsThePoolsClustersJoinTheModel() {
    java.util.Random random = new java.util.Random(3);
    List<AssetText> assets = new ArrayList<>();
    List<HumanLabel> labels = new ArrayList<>();
    Map<String, float[]> vectors = new java.util.HashMap<>();
    for (int i = 0; i < 80; i++) {
      boolean sport = i % 2 == 0;
      // the words say nothing of the topic, the stored vectors do
      assets.add(new AssetText("a" + i, "report number " + i));
      // 16 noisy dimensions, the topic along one: ten labels leave a supervised model guessing among the noise, the
      // pool's 70 unlabeled vectors show the two clusters
      float[] v = new float[16];
      for (int j = 0; j < 16; j++) v[j] = (float) random.nextGaussian();
      v[0] += sport ? 1.5f : -1.5f;
      vectors.put("a" + i, v);
      if (i < 10) labels.add(label(i + 1, "a" + i, sport ? "SPORT" : "MONEY"));
    }
    SnapshotTraining<?> stored = new SnapshotTraining<>(new TextModelTrainer(new Stored(vectors)));
    LearningSettings settings = LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"timeBudgetSeconds\": 5}"));

    TaskTraining.Trained t = assertInstanceOf(TaskTraining.Trained.class, stored.train("p", CLASSIFY, assets, labels, settings, 7));

    assertTrue(t.card().path("config").asText().endsWith("*sslda"), t.card().toString());
    long right = t.predictions().stream()
        .filter(p -> p.jsonResponse().path("JOB_0").path("categories").get(0).path("name").asText()
            .equals(Integer.parseInt(p.assetId().substring(1)) % 2 == 0 ? "SPORT" : "MONEY"))
        .count();
    // the clusters overlap: about 6 % of the pool lies on the other cluster's side
    assertTrue(right >= 56, right + " of 70 pool assets right");
  }

  /** A project whose every asset has a stored vector of one model, or (no vectors) none. */
  private record Stored(Map<String, float[]> vectors) implements EmbeddingRepository {
    @Override public List<PendingAsset> withoutEmbedding(String model, String afterAssetId, int limit) { return List.of(); }
    @Override public List<PendingAsset> mediaWithoutEmbedding(String afterAssetId, int limit) { return List.of(); }
    @Override public int drop(String projectId) { return 0; }
    @Override public List<String> claim(String work, List<String> assetIds, String worker, Instant now, Instant until) { return assetIds; }
    @Override public void save(String model, List<AssetVector> vectors, Instant now) {}
    @Override public boolean anyVector(String projectId) { return !vectors.isEmpty(); }
    @Override public Optional<String> completeModel(String projectId) {
      return vectors.isEmpty() ? Optional.empty() : Optional.of("toy-16d");
    }
    @Override public Map<String, float[]> vectors(String projectId, String model, boolean todoOnly) { return vectors; }
    @Override public Optional<ModelVector> vector(String assetId) { return Optional.ofNullable(vectors.get(assetId)).map(v -> new ModelVector("toy-16d", v)); }
  }
}
