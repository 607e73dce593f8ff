package org.labelloop.learn.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.feature.TextEmbedder;

class WordClustersTest {
  private static final List<String> NAMES = List.of("Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Zebedee");
  private static final List<String> PLACES = List.of("Paris", "Berlin", "Madrid", "Rome", "Vienna", "Oslo", "Quimper");
  private static final List<String> OTHER = List.of("yesterday", "said", "today", "visited", "the");

  /** Names point one way, places another, every other word a third; a small per-word tilt keeps vectors distinct. */
  private static class FamilyEmbedder implements TextEmbedder {
    @Override public String name() { return "families"; }

    @Override public int dimension() { return 4; }

    @Override public float[][] embed(List<String> texts) {
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < out.length; i++) {
        String w = texts.get(i);
        int axis = contains(NAMES, w) ? 0 : contains(PLACES, w) ? 1 : 2;
        float[] v = new float[4];
        v[axis] = 1;
        v[3] = (w.hashCode() % 7) / 100f;
        out[i] = v;
      }
      return out;
    }

    private static boolean contains(List<String> family, String lower) {
      return family.stream().anyMatch(w -> w.equalsIgnoreCase(lower));
    }
  }

  @Test
  void wordsOfOneFamilyShareAClusterAndTheTwoFamiliesDiffer() {
    WordClusters c = WordClusters.build(concat(NAMES, PLACES), new FamilyEmbedder(), 1, 2);
    int names = c.clustersOf("smith")[0];
    int places = c.clustersOf("paris")[0];
    assertNotEquals(names, places);
    for (String w : NAMES) assertEquals(names, c.clustersOf(w.toLowerCase())[0], w);
    for (String w : PLACES) assertEquals(places, c.clustersOf(w.toLowerCase())[0], w);
  }

  @Test
  void clusterFeaturesLetTheTaggerLabelAnUnseenWordOfAKnownFamily() {
    // "<Name> said" is PER and "<Place> said" is LOC: only the word itself tells them apart
    List<NerSentence> train = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      for (int i = 0; i < 6; i++) {
        train.add(sentence(NAMES.get(i), "PER"));
        train.add(sentence(PLACES.get(i), "LOC"));
      }
    }
    List<String> trainWords = train.stream().flatMap(s -> s.tokens().stream()).map(Token::text).toList();
    WordClusters clusters = WordClusters.build(trainWords, new FamilyEmbedder(), 1, 3);
    clusters.addWords(List.of("Zebedee", "Quimper"), new FamilyEmbedder());
    NerModel model = NerTrainer.train(train, NerTrainingConfig.defaults(1).withEpochs(20).withFeatures(FeatureConfig.rich().withWordClusters(true)), clusters, Long.MAX_VALUE);
    assertEquals(List.of(new Span(10, 17, "PER")), model.predict(sentence("Zebedee", null)));
    assertEquals(List.of(new Span(10, 17, "LOC")), model.predict(sentence("Quimper", null)));
    assertSame(clusters, model.wordClusters().orElseThrow());
  }

  @Test
  void trainingRefusesClusterFeaturesWithoutClustersAndIgnoresClustersItWasNotAskedToUse() {
    List<NerSentence> train = List.of(sentence("Smith", "PER"), sentence("Paris", "LOC"));
    NerTrainingConfig withClusters = NerTrainingConfig.defaults(1).withFeatures(FeatureConfig.rich().withWordClusters(true));
    assertThrows(IllegalArgumentException.class, () -> NerTrainer.train(train, withClusters));
    WordClusters clusters = WordClusters.build(concat(NAMES, PLACES), new FamilyEmbedder(), 1, 2);
    assertTrue(NerTrainer.train(train, NerTrainingConfig.defaults(1), clusters, Long.MAX_VALUE).wordClusters().isEmpty());
  }

  @Test
  void aSavedModelKeepsItsClustersAndPlacesNewWordsOnceAnEmbedderIsAttached() {
    WordClusters clusters = WordClusters.build(concat(NAMES.subList(0, 6), PLACES.subList(0, 6)), new FamilyEmbedder(), 1, 2);
    List<NerSentence> train = new ArrayList<>();
    for (int i = 0; i < 6; i++) for (int r = 0; r < 4; r++) train.add(sentence(i % 2 == 0 ? NAMES.get(i) : PLACES.get(i), i % 2 == 0 ? "PER" : "LOC"));
    NerModel model = NerTrainer.train(train, NerTrainingConfig.defaults(1).withEpochs(20).withFeatures(FeatureConfig.rich().withWordClusters(true)),
        clusters, Long.MAX_VALUE);
    NerModel loaded = NerModel.load(model.save());
    WordClusters loadedClusters = loaded.wordClusters().orElseThrow();
    assertEquals(clusters.clustersOf("jones")[0], loadedClusters.clustersOf("jones")[0]);
    assertEquals(model.predict(sentence("Jones", null)), loaded.predict(sentence("Jones", null)));
    assertNull(loadedClusters.clustersOf("zebedee"));
    loadedClusters.attach(new FamilyEmbedder());
    assertEquals(clusters.clustersOf("smith")[0], loadedClusters.clustersOf("zebedee")[0]);
    assertEquals(List.of(new Span(10, 17, "PER")), loaded.predict(sentence("Zebedee", null)));
  }

  @Test
  void attachRejectsADifferentEmbedder() {
    WordClusters c = WordClusters.build(concat(NAMES, PLACES), new FamilyEmbedder(), 1, 2);
    TextEmbedder other = new FamilyEmbedder() {
      @Override public String name() { return "other"; }
    };
    assertThrows(IllegalArgumentException.class, () -> c.attach(other));
  }

  private static NerSentence sentence(String word, String type) {
    NerSentence s = NerSentence.ofTokens("s", List.of("yesterday", word, "said"), List.of());
    return type == null ? s : s.withSpans(List.of(new Span(10, 10 + word.length(), type)));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
