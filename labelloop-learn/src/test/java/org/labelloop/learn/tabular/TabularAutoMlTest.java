package org.labelloop.learn.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.automl.Folds;
import org.labelloop.learn.automl.LeaderboardEntry;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.learner.XgboostLearner;
import org.labelloop.learn.metrics.Metrics;

class TabularAutoMlTest {
  /**
   * Made-up shop orders: "late" when the delivery took over 5 days or the courier is "slowpost"; noise columns; some
   * values missing.
   */
  static Table orders(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] couriers = {"fastex", "slowpost", "dhl", "ups"};
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double days = r.nextDouble(0, 10);
      String courier = couriers[r.nextInt(couriers.length)];
      boolean late = days > 5 || courier.equals("slowpost");
      rows.add(List.of(String.format(java.util.Locale.ROOT, "%.2f", days), courier,
          r.nextInt(10) == 0 ? "" : Integer.toString(r.nextInt(100)), r.nextBoolean() ? "yes" : "no", late ? "late" : "on time"));
    }
    return new Table(List.of("days", "courier", "noise", "gift", "status"), rows);
  }

  private static final List<org.labelloop.learn.learner.Learner> SPACE = List.of(new LiblinearLrLearner(1),
      new LiblinearLrLearner(100), new XgboostLearner(200, 3, 0.3, 1, 10, 1, 1));

  private static TabularAutoMl.Result search(Table t, int[] rows) {
    TableSchema s = TableSchema.infer(t, "status");
    TableEncoder e = TableEncoder.fit(t, s, IntStream.range(0, t.size()).toArray(), 20);
    List<String> labels = IntStream.of(rows).mapToObj(i -> t.value(i, t.column("status"))).toList();
    TabularAutoMl.Config c = new TabularAutoMl.Config(5, Duration.ofMinutes(5), 3, 2, SPACE);
    return new TabularAutoMl(c, Clock.systemUTC()).fit(t, e, e.transform(t), rows, labels, Progress.NONE);
  }

  @Test
  void searchRanksEveryLearnerAndTheBestPredictsUnseenRows() {
    Table train = orders(400, 1), test = orders(200, 2);
    Table all = train.append(test);
    TabularAutoMl.Result r = search(all, IntStream.range(0, 400).toArray());
    assertEquals(3, r.leaderboard().size());
    assertTrue(r.leaderboard().stream().allMatch(e -> e.folds() == 5));
    List<Double> acc = r.leaderboard().stream().map(LeaderboardEntry::cvAccuracy).toList();
    assertEquals(acc.stream().sorted(java.util.Comparator.reverseOrder()).toList(), acc, "best first");
    assertTrue(r.best().config().startsWith("tab(num2+cat1+bool1)/"), r.best().config());
    double[][] p = r.model().predictProba(test);
    int[] y = IntStream.range(0, test.size()).map(i -> r.model().classes().indexOf(test.value(i, 4))).toArray();
    assertTrue(Metrics.ofProba(y, p, 2).accuracy() > 0.9, "accuracy " + Metrics.ofProba(y, p, 2).accuracy());
    for (double[] row : p) assertEquals(1, row[0] + row[1], 1e-9);
    assertEquals(400, r.model().card().trainingExamples());
  }

  @Test
  void treesSitOutUntilThereAreRowsToHoldOutForEarlyStopping() {
    Table t = orders(100, 7);
    List<String> few = search(t, IntStream.range(0, 40).toArray()).leaderboard().stream().map(LeaderboardEntry::config).toList();
    assertEquals(List.of("lr(C=1)", "lr(C=100)"), few.stream().map(c -> c.substring(c.indexOf('/') + 1)).sorted().toList());
    assertEquals(3, search(t, IntStream.range(0, 100).toArray()).leaderboard().size());
  }

  @Test
  void withFewLabelsTheSearchValidatesOnEveryRowAndPrefersTheBetterRegularisedModel() {
    Table t = orders(100, 7);
    TabularAutoMl.Result r = search(t, IntStream.range(0, 30).toArray());
    assertTrue(r.leaderboard().stream().allMatch(e -> e.folds() == 30), "leave-one-out: " + r.leaderboard());
    // on 30 rows C=100 overfits: its own held-out probabilities are the worse calibrated, whatever accuracy ties
    assertTrue(r.best().config().endsWith("/lr(C=1)"), r.best().config());
    assertTrue(search(t, IntStream.range(0, TabularAutoMl.FEW_LABELS).toArray()).leaderboard().stream().allMatch(e -> e.folds() == 5));
  }

  @Test
  void leaveOneOutKeepsCopiesOfARowInOneFold() {
    Folds f = TabularAutoMl.leaveOneOut(List.of("a", "b", "a", "c"));
    assertEquals(3, f.k());
    assertArrayEquals(new int[] {0, 2, 3}, f.train(1));
    assertArrayEquals(new int[] {0, 2}, f.test(0));
    assertEquals(null, TabularAutoMl.leaveOneOut(List.of("a", "a")));
  }

  @Test
  void reasonsNameTheColumnsThatDecideBothForTreesAndForLinearModels() {
    Table t = orders(300, 4);
    TableSchema s = TableSchema.infer(t, "status");
    TableEncoder e = TableEncoder.fit(t, s, IntStream.range(0, t.size()).toArray(), 20);
    SparseMatrix x = e.transform(t);
    int[] y = IntStream.range(0, t.size()).map(i -> t.value(i, 4).equals("late") ? 0 : 1).toArray();
    int row = IntStream.range(0, t.size()).filter(i -> t.value(i, 1).equals("slowpost") && Double.parseDouble(t.value(i, 0)) < 2)
        .findFirst().orElseThrow();
    var card = search(t, IntStream.range(0, 40).toArray()).model().card();
    for (var learner : List.of(new LiblinearLrLearner(10), new XgboostLearner(100, 3))) {
      TabularModel m = new TabularModel(List.of("late", "on time"), e, learner.fit(x, y, 2), 1, card);
      List<TabularModel.Reason> why = m.reasons(t, row, 3);
      assertEquals("courier", why.get(0).column(), learner + " " + why);
      assertEquals("slowpost", why.get(0).value());
      assertTrue(why.size() <= 3 && why.stream().allMatch(w -> w.weight() > 0));
    }
  }

  @Test
  void savedModelPredictsTheSameAndTinyDataSkipsCrossValidation() {
    Table t = orders(60, 5);
    int late = IntStream.range(0, 60).filter(i -> t.value(i, 4).equals("late")).findFirst().orElseThrow();
    int onTime = IntStream.range(0, 60).filter(i -> !t.value(i, 4).equals("late")).findFirst().orElseThrow();
    TabularAutoMl.Result tiny = search(t, new int[] {late, onTime});
    assertEquals(0, tiny.best().folds());
    assertTrue(Double.isNaN(tiny.best().cvAccuracy()));
    TabularModel m = search(t, IntStream.range(0, 60).toArray()).model();
    TabularModel back = TabularModel.load(m.save());
    double[][] a = m.predictProba(t), b = back.predictProba(t);
    for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], 1e-12);
  }

  @Test
  void earlyStoppingIsDeterministicAndNamedInTheLeaderboard() {
    Table t = orders(200, 6);
    TableEncoder e = TableEncoder.fit(t, TableSchema.infer(t, "status"), IntStream.range(0, 200).toArray(), 20);
    SparseMatrix x = e.transform(t);
    int[] y = IntStream.range(0, 200).map(i -> t.value(i, 4).equals("late") ? 0 : 1).toArray();
    XgboostLearner l = new XgboostLearner(300, 3, 0.3, 5, 10, 7, 1);
    assertEquals("xgb(r=300,d=3,eta=0.3,mcw=5,es=10)", l.name());
    double[][] a = l.fit(x, y, 2).scores(x), b = l.fit(x, y, 2).scores(x);
    for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i]);
  }

  /** Three clusters along column a, labeled by cluster (left and right) or with the outer two as one class. */
  private static TabularAutoMl.Result fewLabelsWithPool(boolean twoClusters, int[] unlabeled) {
    SplittableRandom r = new SplittableRandom(5);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int cluster = twoClusters ? (i % 3 == 0 ? 0 : 2) : i % 3;
      double a = 4 * (cluster - 1) + 0.6 * r.nextDouble(-1.7, 1.7), b = r.nextDouble(-1.7, 1.7);
      String label = twoClusters ? (cluster == 0 ? "left" : "right") : (cluster == 1 ? "middle" : "side");
      rows.add(List.of(Double.toString(a), Double.toString(b), label));
    }
    Table t = new Table(List.of("a", "b", "label"), rows);
    TableEncoder e = TableEncoder.fit(t, TableSchema.infer(t, "label"), IntStream.range(0, t.size()).toArray(), 20);
    int[] labeled = IntStream.range(0, 12).toArray();
    List<String> labels = IntStream.of(labeled).mapToObj(i -> t.value(i, t.column("label"))).toList();
    TabularAutoMl.Config c = new TabularAutoMl.Config(5, Duration.ofMinutes(5), 3, 2, SPACE);
    return new TabularAutoMl(c, Clock.systemUTC()).fit(t, e, e.transform(t), labeled, labels, unlabeled, Progress.NONE);
  }

  @Test
  void fewLabelsThatFollowThePoolsClustersAreLearnedWithThePool() {
    int[] unlabeled = IntStream.range(12, 400).toArray();
    assertTrue(fewLabelsWithPool(true, unlabeled).best().config().endsWith("/sslda"));
    assertTrue(fewLabelsWithPool(true, new int[0]).best().config().contains("/lr("), "no pool, no semi-supervised arm");
  }

  @Test
  void fewLabelsThatJoinFarApartClustersAreLearnedWithoutThePool() {
    TabularAutoMl.Result r = fewLabelsWithPool(false, IntStream.range(12, 400).toArray());
    assertTrue(r.leaderboard().stream().noneMatch(e -> e.config().endsWith("/sslda")));
  }

  @Test
  void aPoolOverTheCapIsASeededSampleOfDistinctRows() {
    int[] rows = IntStream.range(100, 200).toArray();
    assertArrayEquals(rows, TabularAutoMl.atMost(rows, 100, 1));
    int[] a = TabularAutoMl.atMost(rows, 30, 7);
    assertEquals(30, IntStream.of(a).distinct().filter(r -> r >= 100 && r < 200).count());
    assertArrayEquals(a, TabularAutoMl.atMost(rows, 30, 7));
  }
}
