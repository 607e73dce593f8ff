package org.labelloop.learn.automl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.ToyData;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.model.TextModel;

class AutoMlTest {
  private static AutoMlResult search(TextDataset d, long seed, boolean ensemble) {
    AutoMlConfig c = new AutoMlConfig(5, Duration.ofMinutes(5), seed, ensemble, 2, AutoMlConfig.defaultSpace(false));
    return new AutoMl(c, Clock.systemUTC()).fit(d, new FeatureCache(d.texts(), null), rows(d), Progress.NONE);
  }

  private static int[] rows(TextDataset d) { return IntStream.range(0, d.size()).toArray(); }

  @Test
  void separableToySetReachesPerfectAccuracy() {
    AutoMlResult r = search(ToyData.topics(15, 0.2, 1), 1, true);
    assertEquals(1.0, r.best().cvAccuracy());
    TextDataset test = ToyData.topics(10, 0.2, 99);
    double[][] p = r.model().predictProba(test.texts());
    assertEquals(1.0, Metrics.ofProba(test.y(), p, 3).accuracy());
    for (double[] row : p) assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-9);
    assertFalse(r.leaderboard().isEmpty());
    assertTrue(r.leaderboard().get(0).cvAccuracy() >= r.leaderboard().get(r.leaderboard().size() - 1).cvAccuracy());
  }

  @Test
  void returnsASensibleModelFromFiveLabels() {
    TextDataset d = new TextDataset(List.of(
        LabeledText.of("1", "goal match team striker", "sport"),
        LabeledText.of("2", "league coach referee goal", "sport"),
        LabeledText.of("3", "software chip computer code", "tech"),
        LabeledText.of("4", "network server laptop internet", "tech"),
        LabeledText.of("5", "election vote party minister", "politics")));
    AutoMlResult r = search(d, 1, true);
    double[][] p = r.model().predictProba(List.of("the striker scored a goal", "new laptop chip", "party vote"));
    assertEquals(List.of("politics", "sport", "tech"), r.model().classes());
    assertEquals(1, Metrics.argmax(p[0]));
    assertEquals(2, Metrics.argmax(p[1]));
    assertEquals(0, Metrics.argmax(p[2]));
  }

  @Test
  void isDeterministicForASeed() {
    TextDataset d = ToyData.topics(12, 0.6, 5);
    AutoMlResult a = search(d, 7, true), b = search(d, 7, true);
    assertEquals(a.best().config(), b.best().config());
    assertEquals(a.leaderboard().stream().map(LeaderboardEntry::config).toList(),
        b.leaderboard().stream().map(LeaderboardEntry::config).toList());
    List<String> probe = ToyData.topics(3, 0.6, 8).texts();
    assertArrayEquals(a.model().predictProba(probe)[0], b.model().predictProba(probe)[0], 0);
  }

  @Test
  void savedModelPredictsTheSameAfterLoading() {
    TextDataset d = ToyData.topics(10, 0.5, 3);
    TextModel m = search(d, 1, true).model();
    TextModel back = TextModel.load(m.save(), null);
    List<String> probe = ToyData.topics(4, 0.5, 4).texts();
    double[][] p = m.predictProba(probe), q = back.predictProba(probe);
    for (int i = 0; i < p.length; i++) assertArrayEquals(p[i], q[i], 1e-12);
    assertEquals(m.card(), back.card());
  }

  @Test
  void largeDataIsSearchedOnASampleAndFitOnEveryRow() {
    TextDataset d = ToyData.topics(40, 0.3, 6); // 120 rows
    AutoMlConfig c = new AutoMlConfig(3, Duration.ofMinutes(1), 1, true, 2, AutoMlConfig.defaultSpace(false), 30);
    AutoMlResult r = new AutoMl(c, Clock.systemUTC()).fit(d, new FeatureCache(d.texts(), null), rows(d), Progress.NONE);
    assertEquals(120, r.model().card().trainingExamples());
    int crossValidated = r.model().card().cvConfusion().stream().flatMap(List::stream).mapToInt(Integer::intValue).sum();
    assertEquals(30, crossValidated, "the search saw a stratified sample of 10 rows per class");
    assertEquals(1, r.model().members().size(), "no ensemble is refit on all rows");
    assertTrue(r.best().cvAccuracy() > 0.8);
    TextDataset test = ToyData.topics(10, 0.3, 60);
    assertTrue(Metrics.ofProba(test.y(), r.model().predictProba(test.texts()), 3).accuracy() > 0.9);
  }

  @Test
  void modelOnEmbeddingsNamesItsEmbedderAndRefusesAnother() {
    TextDataset d = ToyData.topics(8, 0.3, 2);
    AutoMlConfig c = new AutoMlConfig(3, Duration.ofMinutes(1), 1, false, 2,
        LearnerCatalog.space("softmax-emb", true));
    TextModel m = new AutoMl(c, Clock.systemUTC()).fit(d, new FeatureCache(d.texts(), new LengthEmbedder("a")), rows(d),
        Progress.NONE).model();
    assertEquals("a", m.card().hyperparameters().get(TextModel.EMBEDDER));
    List<String> probe = d.texts().subList(0, 3);
    assertArrayEquals(m.predictProba(probe)[0], TextModel.load(m.save(), new LengthEmbedder("a")).predictProba(probe)[0], 1e-12);
    var e = assertThrows(IllegalArgumentException.class, () -> TextModel.load(m.save(), new LengthEmbedder("b")));
    assertEquals("model was trained on a embeddings, got b", e.getMessage());
  }

  /** Two-dimensional unit vectors from the text's length and first letter. */
  private record LengthEmbedder(String name) implements org.labelloop.learn.feature.TextEmbedder {
    @Override public int dimension() { return 2; }

    @Override public float[][] embed(List<String> texts) {
      return texts.stream().map(t -> {
        double a = t.length() * 0.1 + t.charAt(0);
        return new float[] {(float) Math.cos(a), (float) Math.sin(a)};
      }).toArray(float[][]::new);
    }
  }

  @Test
  void modelCardRecordsSnapshotAndMetrics() {
    TextDataset d = ToyData.topics(10, 0.3, 3);
    TextModel m = search(d, 11, false).model();
    assertEquals(d.snapshotHash(), m.card().snapshotHash());
    assertEquals(64, m.card().snapshotHash().length());
    assertEquals(11, m.card().seed());
    assertEquals(30, m.card().trainingExamples());
    assertTrue(m.card().cvAccuracy() > 0.9);
    assertTrue(m.card().libraryVersions().containsKey("liblinear"));
    var confusion = m.card().cvConfusion();
    assertEquals(m.card().classes().size(), confusion.size());
    assertEquals(30, confusion.stream().flatMap(List::stream).mapToInt(Integer::intValue).sum());
    int diagonal = 0;
    for (int i = 0; i < confusion.size(); i++) {
      diagonal += confusion.get(i).get(i);
    }
    assertEquals(m.card().cvAccuracy(), diagonal / 30.0, 1e-9);
    assertFalse(m.card().config().contains(" "));
  }

  @Test
  void rejectsASingleClass() {
    TextDataset d = new TextDataset(List.of(LabeledText.of("1", "a", "x"), LabeledText.of("2", "b", "x")));
    assertThrows(IllegalArgumentException.class, () -> search(d, 1, false));
  }

  @Test
  void foldsNeverExceedSmallestClassAndKeepDuplicatesTogether() {
    List<String> texts = List.of("a", "b", "c", "a", "d", "e", "f", "g");
    int[] y = {0, 0, 0, 0, 1, 1, 1, 1};
    Folds f = Folds.stratified(texts, y, 2, 10, 1);
    assertEquals(4, f.k());
    assertEquals(f.foldOf()[0], f.foldOf()[3]);
    Folds loo = Folds.stratified(List.of("a", "b", "c"), new int[] {0, 0, 1}, 2, 5, 1);
    assertEquals(3, loo.k());
  }

  /** Labeled rows {@code 0..labels-1} of {@code pool}, the rest unlabeled, with the toy topic embedder. */
  private static AutoMlResult withPool(TextDataset pool, int labels, boolean givePool) {
    FeatureCache cache = new FeatureCache(pool.texts(), new ToyData.TopicEmbedder());
    int[] labeled = IntStream.range(0, labels).toArray();
    int[] unlabeled = givePool ? IntStream.range(labels, pool.size()).toArray() : new int[0];
    AutoMlConfig c = new AutoMlConfig(5, Duration.ofMinutes(5), 3, false, 1, AutoMlConfig.defaultSpace(true));
    return new AutoMl(c, Clock.systemUTC()).fit(pool.subset(labeled), cache, labeled, unlabeled, Progress.NONE);
  }

  @Test
  void labelsThatNameThePoolsClustersBringInTheSemiSupervisedExpert() {
    TextDataset pool = ToyData.topics(60, 0.75, 3); // items cycle sport, tech, politics: 6 labels are two of each
    AutoMlResult alone = withPool(pool, 6, false), joined = withPool(pool, 6, true);
    assertFalse(alone.best().config().endsWith("*sslda"));
    assertTrue(joined.best().config().endsWith("*sslda"), joined.best().config());
    assertTrue(joined.model().card().members().contains("expert:" + SemiSupervisedText.NAME));
    assertEquals(SemiSupervisedText.NAME, joined.leaderboard().get(joined.leaderboard().size() - 1).config());
    TextDataset test = ToyData.topics(50, 0.75, 99);
    double a = Metrics.ofProba(test.y(), alone.model().predictProba(test.texts()), 3).accuracy();
    double j = Metrics.ofProba(test.y(), joined.model().predictProba(test.texts()), 3).accuracy();
    assertTrue(j >= a, "with the pool " + j + ", without " + a);
  }

  @Test
  void labelsThatCutAcrossTheClustersGetNoExpert() {
    TextDataset topics = ToyData.topics(40, 0.3, 4);
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    List<LabeledText> shuffled = topics.items().stream()
        .map(t -> LabeledText.of(t.id(), t.text(), random.nextBoolean() ? "left" : "right")).toList();
    AutoMlResult r = withPool(new TextDataset(shuffled), 30, true);
    assertFalse(r.best().config().endsWith("*sslda"), r.best().config());
  }

  @Test
  void aSavedModelKeepsItsExpert() {
    AutoMlResult r = withPool(ToyData.topics(40, 0.6, 3), 6, true);
    assertTrue(r.best().config().endsWith("*sslda"), r.best().config());
    TextModel loaded = TextModel.load(r.model().save(), new ToyData.TopicEmbedder());
    List<String> texts = ToyData.topics(5, 0.6, 8).texts();
    double[][] before = r.model().predictProba(texts), after = loaded.predictProba(texts);
    for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i], 1e-12);
  }
}
