package org.labelloop.learn.tabular;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.simulate.Replay;
import org.labelloop.learn.strategy.Candidates;

/**
 * Tables' side of a replay: the pool rows followed by the test rows of one table. The encoder is fitted once on the
 * pool (what a project holds before anyone labels; the test rows stay unseen); each round searches {@code space} on
 * the labels so far, measures test accuracy and macro-F1, and gives the strategy the unlabeled rows' distributions
 * (and, when the encoded rows are narrow enough to cluster, the rows themselves as vectors).
 */
public final class TabularReplay implements Replay {
  private static final int MAX_VECTOR_WIDTH = 512;

  private final Table table;
  private final List<String> labels;
  private final int poolSize;
  private final List<Learner> space;
  private final long seed;
  private final TableEncoder encoder;
  private final SparseMatrix encoded;
  private final List<String> classes;
  private final int[] testY;
  private final float[][] vectors;

  /** @param labels one per row of {@code table}, whose first {@code poolSize} rows are the pool */
  public TabularReplay(Table table, TableSchema schema, List<String> labels, int poolSize, List<Learner> space, long seed) {
    if (labels.size() != table.size() || poolSize < 1 || poolSize >= table.size()) {
      throw new IllegalArgumentException("need one label per row and both pool and test rows");
    }
    this.table = table;
    this.labels = List.copyOf(labels);
    this.poolSize = poolSize;
    this.space = List.copyOf(space);
    this.seed = seed;
    this.encoder = TableEncoder.fit(table, schema, IntStream.range(0, poolSize).toArray(), TableEncoder.MAX_CATEGORIES);
    this.encoded = encoder.transform(table);
    this.classes = labels.stream().distinct().sorted().toList();
    this.testY = IntStream.range(poolSize, table.size()).map(i -> classes.indexOf(labels.get(i))).toArray();
    this.vectors = vectors(encoded);
  }

  /** The encoded rows as vectors for a diverse strategy to cluster, or null when they are too wide to be worth it. */
  public static float[][] vectors(SparseMatrix encoded) {
    return encoded.cols() <= MAX_VECTOR_WIDTH ? encoded.toDense() : null;
  }

  @Override public int poolSize() { return poolSize; }

  @Override public List<String> metrics() { return List.of("accuracy", "macro_f1", "ece", "certain"); }

  @Override public String quality() { return "accuracy"; }

  @Override public Round round(int[] labeled, int[] unlabeled) {
    double[][] proba = predict(labeled);
    double[][] testProba = Arrays.copyOfRange(proba, poolSize, table.size());
    Metrics m = Metrics.ofProba(testY, testProba, classes.size());
    double[][] candidates = IntStream.of(unlabeled).mapToObj(i -> proba[i]).toArray(double[][]::new);
    float[][] candidateVectors = vectors == null ? null : IntStream.of(unlabeled).mapToObj(i -> vectors[i]).toArray(float[][]::new);
    return new Round(Map.of("accuracy", m.accuracy(), "macro_f1", m.macroF1(), "ece", Calibration.ece(testProba, testY, 15),
        "certain", (double) Calibration.certain(proba, labeled)),
        Candidates.of(candidates).withVectors(candidateVectors));
  }

  /** Probabilities over {@code classes} for every row; a one-class training set predicts that class. */
  private double[][] predict(int[] labeled) {
    List<String> y = IntStream.of(labeled).mapToObj(labels::get).toList();
    double[][] out = new double[table.size()][classes.size()];
    if (y.stream().distinct().count() < 2) {
      int c = classes.indexOf(y.get(0));
      for (double[] r : out) {
        Arrays.fill(r, 0.1 / classes.size());
        r[c] += 0.9;
      }
      return out;
    }
    TabularAutoMl.Config config = new TabularAutoMl.Config(5, Duration.ofSeconds(60), seed,
        Runtime.getRuntime().availableProcessors(), space);
    TabularModel model = new TabularAutoMl(config, Clock.systemUTC()).fit(table, encoder, encoded, labeled, y,
        unlabeledPool(labeled), Progress.NONE).model();
    double[][] p = model.predictProba(encoded);
    int[] map = model.classes().stream().mapToInt(classes::indexOf).toArray();
    for (int i = 0; i < p.length; i++) for (int c = 0; c < map.length; c++) out[i][map[c]] = p[i][c];
    return out;
  }
}
