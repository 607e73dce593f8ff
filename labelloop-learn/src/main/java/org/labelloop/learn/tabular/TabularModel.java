package org.labelloop.learn.tabular;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Contributions;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.model.ModelBytes;
import org.labelloop.learn.model.ModelCard;

/**
 * A classifier of table rows: the fitted encoder, a scorer and its calibration temperature. Probabilities cover every
 * class in {@link #classes()} order. Immutable; saved with Java serialisation like the text models.
 */
public final class TabularModel implements Serializable {
  private final List<String> classes;
  private final TableEncoder encoder;
  private final Scorer scorer;
  private final double temperature;
  private final ModelCard card;

  public TabularModel(List<String> classes, TableEncoder encoder, Scorer scorer, double temperature, ModelCard card) {
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0");
    this.classes = List.copyOf(classes);
    this.encoder = encoder;
    this.scorer = scorer;
    this.temperature = temperature;
    this.card = card;
  }

  public List<String> classes() { return classes; }

  public ModelCard card() { return card; }

  public TableEncoder encoder() { return encoder; }

  /** One calibrated distribution per row of {@code table}. */
  public double[][] predictProba(Table table) { return predictProba(encoder.transform(table)); }

  /** Same as {@link #predictProba(Table)} for rows already encoded by {@link #encoder()}. */
  public double[][] predictProba(SparseMatrix encoded) {
    return Calibration.softmax(scorer.scores(encoded), temperature);
  }

  /**
   * The at most {@code k} columns that pushed row {@code row}'s predicted class up the most (largest positive
   * contribution first), or an empty list when the learner cannot tell.
   */
  public List<Reason> reasons(Table table, int row, int k) {
    if (!(scorer instanceof Contributions c)) return List.of();
    SparseMatrix x = encoder.transform(table.select(new int[] {row}));
    int predicted = Metrics.argmax(predictProba(x)[0]);
    double[] perFeature = c.contributions(x, 0, predicted);
    int[] source = encoder.sourceOfFeatures();
    List<String> columns = encoder.columns();
    double[] perColumn = new double[columns.size()];
    for (int f = 0; f < perFeature.length; f++) perColumn[source[f]] += perFeature[f];
    List<Reason> out = new ArrayList<>();
    for (int j = 0; j < perColumn.length; j++) {
      if (perColumn[j] > 0) out.add(new Reason(columns.get(j), table.value(row, table.column(columns.get(j))), perColumn[j]));
    }
    return out.stream().sorted(Comparator.comparingDouble(Reason::weight).reversed()).limit(k).toList();
  }

  /** A column's push towards the predicted class, in the learner's log-odds units. */
  public record Reason(String column, String value, double weight) implements Serializable { }

  public byte[] save() { return ModelBytes.write(this); }

  public static TabularModel load(byte[] bytes) { return ModelBytes.read(bytes, TabularModel.class); }
}
