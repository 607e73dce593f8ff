package org.labelloop.learn.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of raw cell values under named columns, as read from a file (a missing cell is {@code null} or one of
 * {@link ColumnType#isMissing}'s words). Typing is the schema's business, so a column can be re-typed without
 * re-reading anything.
 */
public record Table(List<String> names, List<List<String>> rows) {
  public Table {
    names = List.copyOf(names);
    if (names.stream().distinct().count() != names.size()) throw new IllegalArgumentException("duplicate column names");
    List<List<String>> copy = new ArrayList<>(rows.size());
    for (List<String> r : rows) {
      if (r.size() != names.size()) {
        throw new IllegalArgumentException("row " + (copy.size() + 1) + " has " + r.size() + " cells, expected " + names.size());
      }
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(r)));
    }
    rows = java.util.Collections.unmodifiableList(copy);
  }

  public int size() { return rows.size(); }

  /** Index of the column called {@code name}, or an error listing the columns. */
  public int column(String name) {
    int i = names.indexOf(name);
    if (i < 0) throw new IllegalArgumentException("no column '" + name + "' (columns: " + String.join(", ", names) + ")");
    return i;
  }

  public String value(int row, int column) { return rows.get(row).get(column); }

  /** Every value of one column, in row order. */
  public List<String> values(int column) { return rows.stream().map(r -> r.get(column)).toList(); }

  /** The rows at {@code at}, in that order. */
  public Table select(int[] at) { return new Table(names, Arrays.stream(at).mapToObj(rows::get).toList()); }

  /** A table of the same columns holding the rows of this one followed by those of {@code other}. */
  public Table append(Table other) {
    if (!other.names.equals(names)) throw new IllegalArgumentException("tables have different columns");
    List<List<String>> all = new ArrayList<>(rows);
    all.addAll(other.rows);
    return new Table(names, all);
  }
}
