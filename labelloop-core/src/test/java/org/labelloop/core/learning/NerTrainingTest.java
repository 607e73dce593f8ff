package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.ner.NerModel;

class NerTrainingTest {
  private static final JsonInterface IFACE = JsonInterface.parse(InferenceMarksTest.json("""
      {"jobs": {"NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"categories": {"PER": {}, "LOC": {}}}}}}"""));
  private static final Job NER = IFACE.job("NER");
  private static final String[] NAMES = {"Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Thomas", "Walker"};
  private static final String[] FILLER = {"the", "meeting", "was", "long", "and", "people", "said", "today"};

  /** "Mr Name" is a PER entity; sentence i of n is seeded. Returns the text; adds the name's span to {@code spans}. */
  private static String sentence(Random r, List<int[]> spans) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < 6; k++) {
      if (b.length() > 0) b.append(' ');
      if (r.nextInt(3) == 0) {
        b.append("Mr ");
        int begin = b.length();
        b.append(NAMES[r.nextInt(NAMES.length)]);
        spans.add(new int[] {begin, b.length()});
      } else {
        b.append(FILLER[r.nextInt(FILLER.length)]);
      }
    }
    return b.toString();
  }

  private static JsonNode answer(String text, List<int[]> spans) {
    StringBuilder b = new StringBuilder("{\"NER\": {\"annotations\": [");
    for (int i = 0; i < spans.size(); i++) {
      int[] s = spans.get(i);
      b.append(i == 0 ? "" : ",").append("{\"categories\": [{\"name\": \"PER\"}], \"beginOffset\": ").append(s[0])
          .append(", \"content\": \"").append(text, s[0], s[1]).append("\"}");
    }
    return InferenceMarksTest.json(b.append("]}}").toString());
  }

  /** Seeded "Mr Name" sentences a0..a59, the first 40 labeled with their PER spans. */
  private static void sixtySentencesFortyLabeled(List<AssetText> assets, List<HumanLabel> labels) {
    Random r = new Random(3);
    for (int i = 0; i < 60; i++) {
      List<int[]> spans = new ArrayList<>();
      String text = sentence(r, spans);
      assets.add(new AssetText("a" + i, text));
      if (i < 40) labels.add(new HumanLabel(String.valueOf(i + 1), "a" + i, false, answer(text, spans)));
    }
  }

  @Test
  void learnsThePatternAndPreAnnotatesEveryPoolAssetWithScoresInRange() {
    List<AssetText> assets = new ArrayList<>();
    List<HumanLabel> labels = new ArrayList<>();
    sixtySentencesFortyLabeled(assets, labels);
    assets.add(new AssetText("unseen", "today Mr Zebedee said"));
    LearningSettings settings = LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"timeBudgetSeconds\": 2}"));

    TaskTraining.Trained t = assertInstanceOf(TaskTraining.Trained.class,
        new SnapshotTraining<>(new NerModelTrainer(null)).train("p", NER, assets, labels, settings, 7));

    assertEquals(40, t.labeledCount());
    assertEquals(21, t.predictions().size());
    for (Prediction p : t.predictions()) assertTrue(p.queueScore() >= 0 && p.queueScore() <= 1, p.toString());
    JsonNode unseen = t.predictions().stream().filter(p -> p.assetId().equals("unseen")).findFirst().orElseThrow().jsonResponse();
    JsonNode span = unseen.path("NER").path("annotations").get(0);
    assertEquals("Zebedee", span.path("content").asText());
    assertEquals(9, span.path("beginOffset").asInt());
    assertEquals("PER", span.path("categories").get(0).path("name").asText());
    assertTrue(span.path("categories").get(0).path("confidence").asInt() > 50, span.toString());
    assertEquals("named-entity-recognition", t.card().path("task").asText());
    assertEquals(List.of("O", "B-PER"), NerModel.load(t.bytes()).labels());
  }

  @Test
  void aBudgetNoFoldFitsInStillTrainsATaggerAndTheCardSaysWhyItIsNotCrossValidated() {
    List<AssetText> assets = new ArrayList<>();
    List<HumanLabel> labels = new ArrayList<>();
    sixtySentencesFortyLabeled(assets, labels);
    NerModelTrainer trainer = new NerModelTrainer(null);

    SnapshotTrainer.PoolModel m = trainer.train("p", NER, Snapshot.of(assets, labels, "NER", trainer), 0, 7);

    assertTrue(m.card().path("cvEntityF1").isNull(), m.card().toString());
    assertEquals("no fold of the model search finished within its share of the 0 s time budget",
        m.card().path("notCrossValidated").asText());
    assertEquals(20, m.responses().size());
    assertEquals(List.of("O", "B-PER"), NerModel.load(m.bytes()).labels());
  }

  @Test
  void withAnEmbedderTheTaggerGetsWordClusterFeaturesSavedInTheModel() {
    Random r = new Random(5);
    List<AssetText> assets = new ArrayList<>();
    List<HumanLabel> labels = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<int[]> spans = new ArrayList<>();
      String text = sentence(r, spans) + " w" + i + " v" + i; // enough word types for 50 clusters
      assets.add(new AssetText("a" + i, text));
      if (i < 30) labels.add(new HumanLabel(String.valueOf(i + 1), "a" + i, false, answer(text, spans)));
    }
    TextEmbedder embedder = new TextEmbedder() {
      @Override public String name() { return "fake-8d"; }
      @Override public int dimension() { return 8; }
      @Override public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][8];
        for (int i = 0; i < out.length; i++) out[i][Math.floorMod(texts.get(i).hashCode(), 8)] = 1;
        return out;
      }
    };
    SnapshotTraining<?> training = new SnapshotTraining<>(new NerModelTrainer(() -> embedder));
    // a budget the whole search fits in: with 1 s a loaded machine ended it before any cluster arm had the most folds
    LearningSettings settings = LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"timeBudgetSeconds\": 30}"));
    TaskTraining.Trained t = assertInstanceOf(TaskTraining.Trained.class, training.train("p", NER, assets, labels, settings, 3));
    assertTrue(t.card().path("wordClusters").asText().startsWith("clusters(k=[50]"), t.card().toString());
    assertTrue(NerModel.load(t.bytes()).wordClusters().isPresent());
  }

  @Test
  void skipsUntilEnoughSentencesAreLabeled() {
    List<AssetText> assets = List.of(new AssetText("a", "Mr Smith said"), new AssetText("b", "the meeting"));
    List<HumanLabel> labels = List.of(new HumanLabel("1", "a", false, answer("Mr Smith said", List.of(new int[] {3, 8}))));
    TaskTraining.Outcome o = new SnapshotTraining<>(new NerModelTrainer(null)).train("p", NER, assets, labels, LearningSettings.DEFAULTS, 1);
    assertTrue(assertInstanceOf(TaskTraining.Skipped.class, o).why().contains("needs 10"));
  }

  @Test
  void snapshotKeepsEmptyAnswersAsLabeledAndDropsSpansOutsideTheText() {
    List<AssetText> assets = List.of(new AssetText("a", "Mr Smith"), new AssetText("b", "nothing here"), new AssetText("c", "pool"));
    List<HumanLabel> labels = List.of(
        new HumanLabel("1", "a", false, InferenceMarksTest.json(
            "{\"NER\": {\"annotations\": [{\"categories\": [{\"name\": \"PER\"}], \"beginOffset\": 3, \"content\": \"Smith\"},"
                + " {\"categories\": [{\"name\": \"PER\"}], \"beginOffset\": 6, \"content\": \"Smithereens\"}]}}")),
        new HumanLabel("2", "b", false, InferenceMarksTest.json("{\"NER\": {\"annotations\": []}}")));
    Snapshot<List<org.labelloop.learn.ner.Span>> s = Snapshot.of(assets, labels, "NER", new NerModelTrainer(null));
    assertEquals(2, s.labeledCount());
    assertEquals(List.of(List.of(new org.labelloop.learn.ner.Span(3, 8, "PER")), List.of()), s.answers());
    assertEquals(1, s.poolRows().length);
    assertEquals(2, s.maxLabelId());
  }

  @Test
  void dictionarySpansCarryTheirSourceInsteadOfAConfidence() {
    JsonNode r = NerModelTrainer.response("NER", "Ann met Bob", List.of(
        new NerModelTrainer.PredictedSpan(new org.labelloop.learn.ner.Span(0, 3, "PER"), 0.91),
        new NerModelTrainer.PredictedSpan(new org.labelloop.learn.ner.Span(8, 11, "PER"), null)), List.of());
    JsonNode a = r.path("NER").path("annotations");
    assertEquals(91, a.get(0).path("categories").get(0).path("confidence").asInt());
    assertEquals("Bob", a.get(1).path("content").asText());
    assertEquals("dictionary", a.get(1).path("source").asText());
    assertNull(a.get(1).path("categories").get(0).get("confidence"));
  }

  @Test
  void untaggedTokensTheTaggerFindsLikelyEntitiesAreReportedAsPossibleMisses() {
    var sentence = new org.labelloop.learn.ner.Tokenizer(org.labelloop.learn.ner.Tokenizer.Mode.AUTO).sentence("s", "Ann met Bob Lee today", List.of());
    // marginals per token over (O, B-PER, I-PER): Ann is tagged; Bob Lee is untagged but 40 % and 30 % an entity
    double[][] m = {{0.05, 0.9, 0.05}, {0.95, 0.03, 0.02}, {0.6, 0.3, 0.1}, {0.7, 0.1, 0.2}, {0.9, 0.05, 0.05}};
    var prediction = new org.labelloop.learn.ner.NerPrediction(List.of(), List.of("B-PER", "O", "O", "O", "O"),
        List.of("O", "B-PER", "I-PER"), m, org.labelloop.learn.strategy.SequenceUncertainty.EMPTY);
    List<NerModelTrainer.PossibleMiss> missed = NerModelTrainer.possibleMisses(sentence, prediction,
        List.of(new org.labelloop.learn.ner.Span(0, 3, "PER")));
    assertEquals(List.of(new NerModelTrainer.PossibleMiss(8, 15, 0.4)), missed.stream()
        .map(x -> new NerModelTrainer.PossibleMiss(x.begin(), x.end(), Math.round(x.probability() * 10) / 10.0)).toList());
    JsonNode r = NerModelTrainer.response("NER", "Ann met Bob Lee today", List.of(), missed);
    assertEquals("Bob Lee", r.at("/NER/missed/0/content").asText());
    assertEquals(40, r.at("/NER/missed/0/confidence").asInt());
  }
}
