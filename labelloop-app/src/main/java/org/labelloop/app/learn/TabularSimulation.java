package org.labelloop.app.learn;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.model.Model;
import org.labelloop.learn.model.ModelCard;
import org.labelloop.learn.simulate.CurvePoint;
import org.labelloop.learn.simulate.SimulationConfig;
import org.labelloop.learn.simulate.Simulator;
import org.labelloop.learn.simulate.Trainer;
import org.labelloop.learn.tabular.TableEncoder;
import org.labelloop.learn.tabular.TabularAutoMl;
import org.labelloop.learn.tabular.TabularModel;

/**
 * {@code simulate --task tabular}: the text replay ({@link Simulator}, its strategies and curve) over table rows. The
 * simulator addresses examples by position, so each row travels as a dataset item whose text is its position, and
 * the trainer runs the tabular search on the rows at those positions. The encoder is fitted once on the pool (what a
 * project holds before anyone labels; the test rows stay unseen), and every round's search cross-validates logistic
 * regression and boosted trees on the labels so far.
 */
final class TabularSimulation {
  private TabularSimulation() {}

  /** Positions of the first row of each group of rows equal in every feature column and the label. */
  static int[] distinctRows(TabularInput in) {
    int[] cols = in.schema().features().stream().mapToInt(c -> in.table().column(c.name())).toArray();
    Set<List<String>> seen = new HashSet<>();
    return IntStream.range(0, in.table().size()).filter(r -> {
      List<String> key = new ArrayList<>();
      for (int c : cols) key.add(in.table().value(r, c));
      key.add(in.labels().get(r));
      return seen.add(key);
    }).toArray();
  }

  static List<CurvePoint> run(TabularInput pool, TabularInput test, List<Learner> space, SimulationConfig config,
      Progress progress) {
    TabularInput all = new TabularInput(pool.table().append(test.table()), pool.schema(), concat(pool.labels(), test.labels()));
    int[] poolRows = IntStream.range(0, pool.table().size()).toArray();
    TableEncoder encoder = TableEncoder.fit(all.table(), all.schema(), poolRows, 20);
    SparseMatrix encoded = encoder.transform(all.table());
    Trainer trainer = (labeled, cache, rows) -> {
      TabularAutoMl.Config c = new TabularAutoMl.Config(5, Duration.ofSeconds(60), config.seed(),
          Runtime.getRuntime().availableProcessors(), space);
      List<String> labels = labeled.items().stream().map(LabeledText::label).toList();
      return new Rows(new TabularAutoMl(c, Clock.systemUTC()).fit(all.table(), encoder, encoded, rows, labels,
          Progress.NONE).model(), encoded);
    };
    return new Simulator(trainer).run(positions(pool, 0), positions(test, pool.table().size()),
        new FeatureCache(IntStream.range(0, encoded.rows()).mapToObj(Integer::toString).toList(), null), config, false,
        progress);
  }

  private static TextDataset positions(TabularInput in, int offset) {
    List<LabeledText> items = new ArrayList<>();
    for (int i = 0; i < in.labels().size(); i++) {
      String pos = Integer.toString(offset + i);
      items.add(LabeledText.of(pos, pos, in.labels().get(i)));
    }
    return new TextDataset(items);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** A tabular model seen by the simulator: "texts" are row positions in the encoded table. */
  private record Rows(TabularModel model, SparseMatrix encoded) implements Model {
    @Override public List<String> classes() { return model.classes(); }

    @Override public double[][] predictProba(List<String> positions) {
      return model.predictProba(encoded.rows(positions.stream().mapToInt(Integer::parseInt).toArray()));
    }

    @Override public double[][] predictProba(FeatureCache cache) { return predictProba(cache.texts()); }

    @Override public ModelCard card() { return model.card(); }

    @Override public byte[] save() { return model.save(); }
  }
}
