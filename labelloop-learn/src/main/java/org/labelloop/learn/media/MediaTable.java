package org.labelloop.learn.media;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.learner.SoftmaxLearner;
import org.labelloop.learn.learner.XgboostLearner;
import org.labelloop.learn.tabular.Column;
import org.labelloop.learn.tabular.ColumnRole;
import org.labelloop.learn.tabular.ColumnType;
import org.labelloop.learn.tabular.Table;
import org.labelloop.learn.tabular.TableSchema;

/**
 * Media vectors (image embeddings, audio features) as a table of numeric columns {@code v1..vN}, so photos and
 * recordings go through the tables' model search ({@code TabularAutoMl}) and replay ({@code TabularReplay}) rather than
 * a loop of their own.
 *
 * <p>Each column is z-scored here with the mean and deviation of the rows a project holds before anyone labels (no
 * label is looked at), as the benchmarks measured. Standardised columns are not non-negative, so the table encoder's
 * log scale for long-tailed amounts never reshapes an embedding; it standardises them again, a no-op.
 */
public record MediaTable(Table table, TableSchema schema, float[][] standardised) {
  /** @param vectors one row per item, all of one length; {@code fitRows} the rows whose statistics scale every row */
  public static MediaTable of(float[][] vectors, int[] fitRows) {
    return of(Scaling.fit(vectors, fitRows).apply(vectors));
  }

  /** A table of vectors already z-scored ({@link Scaling#apply}). */
  public static MediaTable of(float[][] standardised) {
    int d = standardised[0].length;
    List<List<String>> rows = new ArrayList<>(standardised.length);
    for (float[] row : standardised) {
      List<String> cells = new ArrayList<>(d);
      for (float v : row) cells.add(Float.toString(v));
      rows.add(cells);
    }
    List<String> names = IntStream.rangeClosed(1, d).mapToObj(j -> "v" + j).toList();
    TableSchema schema = new TableSchema(names.stream().map(n -> new Column(n, ColumnType.NUMERIC, ColumnRole.FEATURE)).toList());
    return new MediaTable(new Table(names, rows), schema, standardised);
  }

  /**
   * Every row z-scored per dimension with the mean and deviation of {@code fitRows}; a constant dimension becomes 0. The
   * shipped image encoder concatenates two networks' activations of different scales, and the linear learners'
   * regularisation assumes comparable ones.
   */
  public static float[][] standardised(float[][] vectors, int[] fitRows) {
    return Scaling.fit(vectors, fitRows).apply(vectors);
  }

  /** The per-dimension mean and deviation that z-score vectors; kept with a model so that new vectors are scaled alike. */
  public record Scaling(double[] mean, double[] sd) implements java.io.Serializable {
    public Scaling {
      if (mean.length != sd.length) throw new IllegalArgumentException("mean and sd differ in length");
      mean = mean.clone();
      sd = sd.clone();
    }

    /** The statistics of {@code fitRows}; a constant dimension gets deviation 1. */
    public static Scaling fit(float[][] vectors, int[] fitRows) {
      int d = vectors[0].length;
      double[] mean = new double[d], sd = new double[d];
      for (int i : fitRows) for (int j = 0; j < d; j++) mean[j] += vectors[i][j] / fitRows.length;
      for (int i : fitRows) for (int j = 0; j < d; j++) sd[j] += Math.pow(vectors[i][j] - mean[j], 2) / fitRows.length;
      for (int j = 0; j < d; j++) sd[j] = sd[j] > 1e-24 ? Math.sqrt(sd[j]) : 1;
      return new Scaling(mean, sd);
    }

    public int dimension() { return mean.length; }

    public float[][] apply(float[][] vectors) {
      float[][] z = new float[vectors.length][mean.length];
      for (int i = 0; i < vectors.length; i++) {
        if (vectors[i].length != mean.length) {
          throw new IllegalArgumentException("a vector of " + vectors[i].length + " values; the model was fitted on " + mean.length);
        }
        for (int j = 0; j < mean.length; j++) z[i][j] = (float) ((vectors[i][j] - mean[j]) / sd[j]);
      }
      return z;
    }
  }

  /**
   * The learners searched for media: a linear model over C from 0.01 to 10 (hundreds of correlated embedding columns
   * and a few dozen labels may want stronger regularisation than a table's handful of columns; validation picks it) and
   * two boosted-tree shapes with early stopping (they join from {@link Learner#minRows()} labels on). The linear model
   * is one-vs-rest logistic regression for two classes and softmax regression for more: one-vs-rest probabilities of
   * many classes are renormalised guesses, and the margin strategy reads the top two of them (on spoken digits margin
   * beat random with softmax and lost with one-vs-rest, BENCHMARKS.md). C = 0.001 was tried and left out: never ahead
   * in CV on ants/bees, and margin fell behind random with it.
   */
  public static List<Learner> space(int classes, long seed) {
    List<Learner> s = new ArrayList<>();
    for (double c : new double[] {0.01, 0.1, 1, 10}) s.add(classes == 2 ? new LiblinearLrLearner(c) : new SoftmaxLearner(c));
    for (int depth : new int[] {3, 6}) s.add(new XgboostLearner(300, depth, 0.3, 1, 20, seed, 1));
    return s;
  }
}
