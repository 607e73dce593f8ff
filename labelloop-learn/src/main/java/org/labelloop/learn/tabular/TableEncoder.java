package org.labelloop.learn.tabular;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.feature.SparseMatrix;

/**
 * Turns the feature columns of a table into one numeric matrix, fitted on some rows (no labels involved, so it may be
 * fitted on every row a project holds, labeled or not):
 * <ul>
 *   <li>numeric: standardised (mean 0, sd 1; long-tailed non-negative columns on a log scale), a missing value becomes
 *       the mean plus a missing indicator;</li>
 *   <li>categorical: one-hot of the {@code maxCategories} most frequent values, the rest in an {@code (other)} bucket,
 *       missing as its own {@code (missing)} value;</li>
 *   <li>boolean: 1 or 0; date: standardised day number, month and weekday; both with a missing indicator;</li>
 *   <li>free text: the text featurizer's word 1-2-gram TF-IDF (rows of unit norm).</li>
 * </ul>
 * Indicators and buckets exist only when the fitted rows needed them. Every matrix column knows its table column, so
 * a model's per-feature contributions add up per table column.
 */
public final class TableEncoder implements Serializable {
  /** Word 1-2 grams, capped: free-text columns sit beside other columns, and the tree learner needs few words. */
  static final FeatureSpec TEXT_SPEC = new FeatureSpec(2, 0, 0, 0, 2, 20_000);

  /** The {@code maxCategories} every learner of tables uses: the most frequent values a categorical column keeps. */
  public static final int MAX_CATEGORIES = 20;

  private final List<Encoding> encodings;

  private TableEncoder(List<Encoding> encodings) { this.encodings = List.copyOf(encodings); }

  /** Fits one encoding per feature column of {@code schema} on {@code rows} of {@code table}. */
  public static TableEncoder fit(Table table, TableSchema schema, int[] rows, int maxCategories) {
    if (schema.features().isEmpty()) throw new IllegalArgumentException("no feature columns");
    if (rows.length == 0) throw new IllegalArgumentException("no rows to fit on");
    List<Encoding> enc = new ArrayList<>();
    for (Column c : schema.features()) {
      List<String> all = table.values(table.column(c.name()));
      List<String> fit = java.util.Arrays.stream(rows).mapToObj(all::get).toList();
      enc.add(switch (c.type()) {
        case NUMERIC -> Scaled.fit(c.name(), fit.stream().map(v -> ColumnType.isMissing(v) ? null : new double[] {ColumnType.number(v)}).toList(), List.of(""));
        case BOOLEAN -> Flag.fit(c.name(), fit);
        case DATE -> Scaled.fit(c.name(), fit.stream().map(v -> ColumnType.isMissing(v) ? null : dateParts(v)).toList(),
            List.of(".day", ".month", ".weekday"));
        case CATEGORICAL -> OneHot.fit(c.name(), fit, maxCategories);
        case TEXT -> {
          FeatureCache cache = new FeatureCache(all.stream().map(TableEncoder::text).toList(), null);
          yield new Words(c.name(), Featurizer.fit(TEXT_SPEC, cache, rows));
        }
      });
    }
    return new TableEncoder(enc);
  }

  /** The feature matrix of every row of {@code table} (which must hold the fitted columns, with values of their types). */
  public SparseMatrix transform(Table table) {
    SparseMatrix[] blocks = new SparseMatrix[encodings.size()];
    double[] weights = new double[blocks.length];
    for (int i = 0; i < blocks.length; i++) {
      Encoding e = encodings.get(i);
      blocks[i] = e.encode(table.values(table.column(e.column())));
      weights[i] = 1;
    }
    return SparseMatrix.hstack(blocks, weights);
  }

  /** The table columns encoded, in order. */
  public List<String> columns() { return encodings.stream().map(Encoding::column).toList(); }

  /** For every matrix column, the index into {@link #columns()} of the table column it comes from. */
  public int[] sourceOfFeatures() {
    List<Integer> src = new ArrayList<>();
    for (int i = 0; i < encodings.size(); i++) for (int k = 0; k < encodings.get(i).width(); k++) src.add(i);
    return src.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Short description without spaces, e.g. {@code tab(num11+cat1+text1)}. */
  public String shortName() {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (Encoding e : encodings) kinds.merge(e.kind(), 1, Integer::sum);
    StringBuilder b = new StringBuilder("tab(");
    kinds.forEach((k, n) -> b.append(b.length() > 4 ? "+" : "").append(k).append(n));
    return b.append(')').toString();
  }

  private static String text(String v) { return ColumnType.isMissing(v) ? "" : v; }

  private static double[] dateParts(String v) {
    LocalDate d = ColumnType.date(v);
    return new double[] {d.toEpochDay(), d.getMonthValue(), d.getDayOfWeek().getValue()};
  }

  /** How one table column becomes {@link #width()} matrix columns. */
  private sealed interface Encoding extends Serializable permits Scaled, Flag, OneHot, Words {
    String column();

    String kind();

    int width();

    SparseMatrix encode(List<String> values);
  }

  /**
   * Standardised parts of a numeric or date value, plus a missing indicator when the fitted rows had gaps. A
   * non-negative numeric column with a long right tail (skewness above 1: amounts, counts, concentrations) is
   * standardised on {@code log(1 + x)}, so its few large values do not flatten the rest for a linear model.
   */
  private record Scaled(String column, String kind, boolean log, double[] mean, double[] sd, boolean indicator)
      implements Encoding {
    static Scaled fit(String column, List<double[]> parts, List<String> suffixes) {
      int p = suffixes.size();
      String kind = p == 1 ? "num" : "date";
      List<double[]> present = parts.stream().filter(java.util.Objects::nonNull).toList();
      boolean log = kind.equals("num") && present.stream().allMatch(v -> v[0] >= 0) && skewness(present) > 1;
      List<double[]> values = log ? present.stream().map(v -> new double[] {Math.log1p(v[0])}).toList() : present;
      double[] mean = new double[p], sd = new double[p];
      for (int j = 0; j < p; j++) {
        int jj = j;
        mean[j] = values.stream().mapToDouble(v -> v[jj]).average().orElse(0);
        double var = values.stream().mapToDouble(v -> (v[jj] - mean[jj]) * (v[jj] - mean[jj])).average().orElse(0);
        sd[j] = var > 1e-24 ? Math.sqrt(var) : 1;
      }
      return new Scaled(column, kind, log, mean, sd, present.size() < parts.size());
    }

    private static double skewness(List<double[]> v) {
      double m = v.stream().mapToDouble(x -> x[0]).average().orElse(0);
      double m2 = v.stream().mapToDouble(x -> Math.pow(x[0] - m, 2)).average().orElse(0);
      double m3 = v.stream().mapToDouble(x -> Math.pow(x[0] - m, 3)).average().orElse(0);
      return m2 > 1e-24 ? m3 / Math.pow(m2, 1.5) : 0;
    }

    @Override public int width() { return mean.length + (indicator ? 1 : 0); }

    @Override public SparseMatrix encode(List<String> values) {
      Rows out = new Rows(width());
      for (String v : values) {
        boolean missing = ColumnType.isMissing(v);
        double[] x = missing ? mean : kind.equals("num") ? new double[] {number(v)} : dateParts(v);
        for (int j = 0; j < mean.length; j++) out.put(j, (x[j] - mean[j]) / sd[j]);
        if (indicator) out.put(mean.length, missing ? 1 : 0);
        out.endRow();
      }
      return out.matrix();
    }

    private double number(String v) {
      double x = ColumnType.number(v);
      return log ? Math.log1p(x) : x;
    }
  }

  private record Flag(String column, boolean indicator) implements Encoding {
    static Flag fit(String column, List<String> values) {
      return new Flag(column, values.stream().anyMatch(ColumnType::isMissing));
    }

    @Override public String kind() { return "bool"; }

    @Override public int width() { return indicator ? 2 : 1; }

    @Override public SparseMatrix encode(List<String> values) {
      Rows out = new Rows(width());
      for (String v : values) {
        boolean missing = ColumnType.isMissing(v);
        out.put(0, !missing && ColumnType.bool(v) ? 1 : 0);
        if (indicator) out.put(1, missing ? 1 : 0);
        out.endRow();
      }
      return out.matrix();
    }
  }

  /** One-hot over the kept values; {@code other} and {@code missing} are extra columns when the fitted rows had any. */
  private record OneHot(String column, List<String> levels, boolean other, boolean missing) implements Encoding {
    static OneHot fit(String column, List<String> values, int max) {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String v : values) if (!ColumnType.isMissing(v)) counts.merge(v.strip(), 1L, Long::sum);
      List<String> levels = counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(max).map(Map.Entry::getKey).sorted(Comparator.naturalOrder()).toList();
      return new OneHot(column, levels, counts.size() > levels.size(), values.stream().anyMatch(ColumnType::isMissing));
    }

    @Override public String kind() { return "cat"; }

    @Override public int width() { return levels.size() + (other ? 1 : 0) + (missing ? 1 : 0); }

    @Override public SparseMatrix encode(List<String> values) {
      Rows out = new Rows(width());
      for (String v : values) {
        if (ColumnType.isMissing(v)) {
          if (missing) out.put(width() - 1, 1);
        } else {
          int at = java.util.Collections.binarySearch(levels, v.strip());
          if (at >= 0) out.put(at, 1);
          else if (other) out.put(levels.size(), 1);
        }
        out.endRow();
      }
      return out.matrix();
    }
  }

  private record Words(String column, Featurizer featurizer) implements Encoding {
    @Override public String kind() { return "text"; }

    @Override public int width() { return featurizer.transform(List.of(""), null).cols(); }

    @Override public SparseMatrix encode(List<String> values) {
      return featurizer.transform(values.stream().map(TableEncoder::text).toList(), null);
    }
  }

  /** Builds a CSR matrix row by row. */
  private static final class Rows {
    private final int width;
    private final List<Integer> rowPtr = new ArrayList<>(List.of(0));
    private final List<Integer> cols = new ArrayList<>();
    private final List<Float> vals = new ArrayList<>();

    Rows(int width) { this.width = width; }

    void put(int col, double v) {
      cols.add(col);
      vals.add((float) v);
    }

    void endRow() { rowPtr.add(cols.size()); }

    SparseMatrix matrix() {
      float[] v = new float[vals.size()];
      for (int i = 0; i < v.length; i++) v[i] = vals.get(i);
      return new SparseMatrix(rowPtr.stream().mapToInt(Integer::intValue).toArray(),
          cols.stream().mapToInt(Integer::intValue).toArray(), v, width);
    }
  }
}
