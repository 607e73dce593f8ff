package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;

/** Image classification on stored vectors: two clusters, a dozen labels, one file that could not be decoded. */
class MediaClassificationTrainingTest {
  private static final Job JOB = JsonInterface.parse(InferenceMarksTest.json("""
      {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "required": 1, "content": {"input": "radio",
        "categories": {"ANTS": {"name": "ants"}, "BEES": {"name": "bees"}}}}}}""")).job("JOB_0");
  /** What the acceptance check {@code media-no-filename-model} calls a text featurizer. */
  private static final Pattern TEXTUAL = Pattern.compile("tf-?idf|\\bw1\\d|\\bc2\\d|wordMaxN=[1-9]|charMaxN=[1-9]|minilm", Pattern.CASE_INSENSITIVE);

  /** Assets 1..60 whose file names say the opposite of their class; 60 cannot be decoded. */
  private final List<AssetText> assets = new ArrayList<>();
  private final Fake store = new Fake();

  MediaClassificationTrainingTest() {
    Random random = new Random(3);
    for (int i = 1; i <= 60; i++) {
      boolean bee = i % 2 == 0;
      assets.add(new AssetText(Integer.toString(i), "p/" + (bee ? "ant" : "bee") + i + ".jpg"));
      float[] v = new float[8];
      for (int j = 0; j < v.length; j++) v[j] = (float) (random.nextGaussian() + (bee == (j < 4) ? 3 : 0)) * 100;
      store.vectors.put(Integer.toString(i), i == 60 ? new float[0] : v);
    }
  }

  private List<HumanLabel> labels(int count) {
    List<HumanLabel> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String category = i % 2 == 0 ? "BEES" : "ANTS";
      out.add(new HumanLabel("L" + i, Integer.toString(i), false,
          InferenceMarksTest.json("{\"JOB_0\": {\"categories\": [{\"name\": \"" + category + "\"}]}}")));
    }
    return out;
  }

  private TaskTraining.Outcome train(int labels) {
    return new MediaClassificationTraining(LearningTask.IMAGE_CLASSIFICATION, new TextModelTrainer(store), store)
        .train("7", JOB, assets, labels(labels), LearningSettings.DEFAULTS, 11);
  }

  @Test
  void learnsTheClustersOfTheVectorsAndPredictsEveryDecodedUnlabeledAsset() {
    TaskTraining.Trained model = assertInstanceOf(TaskTraining.Trained.class, train(12));
    assertEquals(12, model.labeledCount());
    assertEquals(47, model.predictions().size(), "60 assets, 12 labeled, 1 undecodable");
    Set<String> predicted = model.predictions().stream().map(Prediction::assetId).collect(Collectors.toSet());
    assertFalse(predicted.contains("60"), "the undecodable asset gets no prediction");
    long right = model.predictions().stream().filter(p -> {
      String name = p.jsonResponse().path("JOB_0").path("categories").get(0).path("name").asText();
      return name.equals(Integer.parseInt(p.assetId()) % 2 == 0 ? "BEES" : "ANTS");
    }).count();
    assertTrue(right >= 45, right + " of 47 right");
    int confidence = model.predictions().getFirst().jsonResponse().path("JOB_0").path("categories").get(0).path("confidence").asInt();
    assertTrue(confidence >= 50 && confidence <= 100, "confidence in percent: " + confidence);
    assertEquals("image-classification", model.card().path("task").asText());
    assertEquals("test-encoder/1", model.card().path("featurizer").asText());
    assertEquals(1, model.card().path("undecodableAssets").asInt());
    var card = model.card().deepCopy();
    card.remove("libraryVersions"); // names the text embedder's library, as the acceptance check allows
    assertFalse(TEXTUAL.matcher(card.toString()).find(), "no text features: " + card);
    assertTrue(model.predictions().stream().allMatch(p -> p.queueScore() >= 0), "queue scores by the strategy");
  }

  @Test
  void waitsForEveryVectorAndForEnoughLabels() {
    assertInstanceOf(TaskTraining.Skipped.class, train(6));
    store.complete = false;
    TaskTraining.Skipped waiting = assertInstanceOf(TaskTraining.Skipped.class, train(12));
    assertTrue(waiting.why().contains("waiting for the embeddings"), waiting.why());
  }

  private static final class Fake implements EmbeddingRepository {
    final Map<String, float[]> vectors = new LinkedHashMap<>();
    boolean complete = true;

    @Override public List<PendingAsset> withoutEmbedding(String model, String afterAssetId, int limit) { return List.of(); }

    @Override public List<PendingAsset> mediaWithoutEmbedding(String afterAssetId, int limit) { return List.of(); }

    @Override public int drop(String projectId) { return 0; }
    @Override public List<String> claim(String work, List<String> assetIds, String worker, Instant now, Instant until) { return assetIds; }

    @Override public void save(String model, List<AssetVector> v, Instant now) {}
    @Override public boolean anyVector(String projectId) { return !vectors.isEmpty(); }

    @Override public Optional<String> completeModel(String projectId) { return complete ? Optional.of("test-encoder/1") : Optional.empty(); }

    @Override public Map<String, float[]> vectors(String projectId, String model, boolean todoOnly) { return vectors; }
    @Override public Optional<ModelVector> vector(String assetId) { return Optional.ofNullable(vectors.get(assetId)).map(v -> new ModelVector("test-encoder/1", v)); }
  }
}
