package org.labelloop.learn.tabular;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Type and role of every column of a table, inferred from its values and overridable one column at a time.
 *
 * <p>Inference looks at the present values only (missing cells never decide a type): all numbers make NUMERIC, all
 * true/false or yes/no words BOOLEAN, all ISO dates DATE; other strings are CATEGORICAL when they repeat (at most
 * {@value #MAX_INFERRED_CATEGORIES} distinct values, or one per twenty rows) and are short, else TEXT. 0/1 columns stay
 * numeric: a later row with a 2 must not become an error. A column called {@code id} or ending in {@code _id} is the
 * row's identifier.
 */
public record TableSchema(List<Column> columns) implements java.io.Serializable {
  static final int MAX_INFERRED_CATEGORIES = 50;
  private static final int MAX_CATEGORY_LENGTH = 40;

  public TableSchema {
    columns = List.copyOf(columns);
    Set<String> seen = new HashSet<>();
    for (Column c : columns) if (!seen.add(c.name())) throw new IllegalArgumentException("duplicate column '" + c.name() + "'");
    if (columns.stream().filter(c -> c.role() == ColumnRole.LABEL).count() > 1) {
      throw new IllegalArgumentException("at most one label column");
    }
  }

  /** Infers every column of {@code table}; {@code label} (may be null) gets the LABEL role. */
  public static TableSchema infer(Table table, String label) {
    if (label != null) table.column(label);
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < table.names().size(); j++) {
      String name = table.names().get(j);
      ColumnRole role = name.equals(label) ? ColumnRole.LABEL : isIdName(name) ? ColumnRole.ID : ColumnRole.FEATURE;
      cols.add(new Column(name, inferType(table.values(j)), role));
    }
    return new TableSchema(cols);
  }

  static ColumnType inferType(List<String> values) {
    List<String> present = values.stream().filter(v -> !ColumnType.isMissing(v)).map(String::strip).toList();
    if (present.isEmpty()) return ColumnType.CATEGORICAL;
    for (ColumnType t : List.of(ColumnType.NUMERIC, ColumnType.BOOLEAN, ColumnType.DATE)) {
      if (present.stream().allMatch(t::accepts)) return t;
    }
    long distinct = present.stream().distinct().count();
    double meanLength = present.stream().mapToInt(String::length).average().orElse(0);
    boolean repeats = distinct <= MAX_INFERRED_CATEGORIES || distinct <= present.size() / 20;
    return repeats && meanLength <= MAX_CATEGORY_LENGTH ? ColumnType.CATEGORICAL : ColumnType.TEXT;
  }

  private static boolean isIdName(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return n.equals("id") || n.endsWith("_id");
  }

  public Column column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no column '" + name + "'"));
  }

  /** This schema with {@code changed} replacing the column of the same name; a new LABEL demotes the old one. */
  public TableSchema with(Column changed) {
    column(changed.name());
    List<Column> cols = new ArrayList<>();
    for (Column c : columns) {
      if (c.name().equals(changed.name())) cols.add(changed);
      else if (changed.role() == ColumnRole.LABEL && c.role() == ColumnRole.LABEL) cols.add(c.withRole(ColumnRole.IGNORE));
      else cols.add(c);
    }
    return new TableSchema(cols);
  }

  public List<Column> features() { return columns.stream().filter(c -> c.role() == ColumnRole.FEATURE).toList(); }

  public Optional<Column> label() { return columns.stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst(); }

  /** The first value (in row order) of {@code table} that its column's type cannot read, or empty when every value fits. */
  public Optional<BadValue> firstBadValue(Table table) {
    int[] at = columns.stream().mapToInt(c -> table.column(c.name())).toArray();
    for (int r = 0; r < table.size(); r++) {
      for (int i = 0; i < at.length; i++) {
        String v = table.value(r, at[i]);
        if (!ColumnType.isMissing(v) && !columns.get(i).type().accepts(v)) return Optional.of(new BadValue(r, columns.get(i), v));
      }
    }
    return Optional.empty();
  }

  /** A value its column's type cannot read, at row {@code row} (0-based) of the table checked. */
  public record BadValue(int row, Column column, String value) {
    public String message() {
      String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
      return "column '" + column.name() + "' is " + column.type().name().toLowerCase(Locale.ROOT) + " and expects "
          + column.type().expected() + ", got '" + shown + "'";
    }
  }
}
