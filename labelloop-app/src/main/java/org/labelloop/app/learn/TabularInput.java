package org.labelloop.app.learn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.labelloop.learn.tabular.ColumnRole;
import org.labelloop.learn.tabular.Table;
import org.labelloop.learn.tabular.TableSchema;

/**
 * A labeled table read for {@code --task tabular}: every column of a CSV/TSV (header row) or JSON Lines file, typed by
 * inference, the label column's role LABEL and the {@code --drop} columns IGNORE.
 */
public record TabularInput(Table table, TableSchema schema, List<String> labels) {
  public static TabularInput read(Path file, String format, String label, List<String> drop) {
    if (label == null) throw new UserError("--label is required for --task tabular");
    Table t = readTable(file, format);
    int li;
    try {
      li = t.column(label);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < t.size(); r++) {
      String v = t.value(r, li);
      if (v == null || v.isBlank()) throw new UserError("data row " + (r + 1) + " has an empty label");
      labels.add(v.strip());
    }
    TableSchema s = TableSchema.infer(t, label);
    for (String d : drop) {
      if (d.equals(label)) throw new UserError("--drop names the label column '" + label + "'");
      try {
        s = s.with(s.column(d).withRole(ColumnRole.IGNORE));
      } catch (IllegalArgumentException e) {
        throw new UserError("--drop: no column '" + d + "' (columns: " + String.join(", ", t.names()) + ")");
      }
    }
    if (s.features().isEmpty()) throw new UserError("no feature columns left");
    if (labels.stream().distinct().count() < 2) throw new UserError("only one class in " + file + "; need at least two");
    return new TabularInput(t, s, labels);
  }

  /** These rows, then {@code other}'s (same columns and schema). */
  TabularInput append(TabularInput other) {
    return new TabularInput(table.append(other.table), schema, java.util.stream.Stream.concat(labels.stream(), other.labels.stream()).toList());
  }

  /** The rows at {@code at}, in that order, with the same schema. */
  TabularInput select(int[] at) {
    return new TabularInput(table.select(at), schema, java.util.Arrays.stream(at).mapToObj(labels::get).toList());
  }

  /** The first row of each group of rows equal in every feature column and the label, the others left out. */
  TabularInput distinct() {
    int[] cols = schema.features().stream().mapToInt(c -> table.column(c.name())).toArray();
    java.util.Set<List<String>> seen = new java.util.HashSet<>();
    return select(java.util.stream.IntStream.range(0, table.size()).filter(r -> {
      List<String> key = new ArrayList<>();
      for (int c : cols) key.add(table.value(r, c));
      key.add(labels.get(r));
      return seen.add(key);
    }).toArray());
  }

  /** A one-line description of the columns as typed, e.g. {@code alcohol:numeric color:label}. */
  String describeColumns() {
    StringBuilder b = new StringBuilder();
    for (var c : schema.columns()) {
      String what = c.role() == ColumnRole.FEATURE ? c.type().name() : c.role().name();
      b.append(b.isEmpty() ? "" : " ").append(c.name().replace(' ', '_')).append(':').append(what.toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  private static Table readTable(Path file, String format) {
    String content = TableReader.decode(file);
    if (content.isBlank()) throw new UserError("empty file: " + file);
    String f = format.toLowerCase(Locale.ROOT);
    if (f.equals("jsonl")) {
      List<Map<String, String>> objects = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      int line = 0;
      for (String l : content.split("\r?\n")) {
        line++;
        if (l.isBlank()) continue;
        Map<String, String> o = Jsonl.parseObject(l, line);
        names.addAll(o.keySet());
        objects.add(o);
      }
      List<String> cols = List.copyOf(names);
      return new Table(cols, objects.stream().map(o -> cols.stream().map(o::get).toList()).toList());
    }
    List<String[]> rows = switch (f) {
      case "csv" -> TableReader.parseDelimited(content, ',');
      case "tsv" -> TableReader.parseTsv(content);
      default -> throw new UserError("unknown format '" + format + "' (use csv, tsv or jsonl)");
    };
    List<String> header = List.of(rows.get(0)).stream().map(h -> h.strip().replace("\uFEFF", "")).toList();
    if (header.stream().distinct().count() != header.size()) throw new UserError("duplicate column names in the header of " + file);
    List<List<String>> body = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      String[] row = rows.get(r);
      if (row.length == 1 && row[0].isEmpty()) continue;
      if (row.length != header.size()) {
        throw new UserError("record " + (r + 1) + " has " + row.length + " fields, the header has " + header.size());
      }
      body.add(List.of(row));
    }
    if (body.isEmpty()) throw new UserError("no records in " + file);
    return new Table(header, body);
  }
}
