package org.labelloop.learn.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.model.MultiLabelModel;
import org.labelloop.learn.model.MultiLabelModelAccess;

class MultiLabelTest {
  @Test
  void oneVsRestPredictsLabelSetsWithPerClassThresholds() {
    SplittableRandom r = new SplittableRandom(1);
    String[][] words = {{"goal", "match", "team"}, {"chip", "code", "server"}, {"vote", "party", "senate"}};
    String[] names = {"sport", "tech", "politics"};
    List<LabeledText> items = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int a = r.nextInt(3), b = r.nextInt(3);
      StringBuilder t = new StringBuilder();
      for (int w = 0; w < 4; w++) t.append(words[a][r.nextInt(3)]).append(' ').append(words[b][r.nextInt(3)]).append(' ');
      items.add(new LabeledText("d" + i, t.toString(), a == b ? Set.of(names[a]) : Set.of(names[a], names[b])));
    }
    TextDataset d = new TextDataset(items);
    assertTrue(d.isMultiLabel());
    List<String> all = new ArrayList<>(d.texts());
    all.add("goal team chip code");
    all.add("vote senate party");
    FeatureCache cache = new FeatureCache(all, null);
    MultiLabelModel m = MultiLabelModel.fit(d, cache, IntStream.range(0, d.size()).toArray(), FeatureSpec.words(),
        new LinearSvmLearner(1), 3, 7);
    List<Set<String>> pred = m.predict(cache);
    assertEquals(Set.of("sport", "tech"), pred.get(d.size()));
    assertEquals(Set.of("politics"), pred.get(d.size() + 1));
    for (double t : m.thresholds()) assertTrue(t > 0 && t < 1);
  }

  @Test
  void thresholdMaximisesF1() {
    double[] p = {0.9, 0.35, 0.3, 0.1};
    int[] y = {1, 1, 0, 0};
    assertEquals(0.35, MultiLabelModelAccess.threshold(p, y), 0.051);
  }
}
