package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.tabular.Column;
import org.labelloop.learn.tabular.ColumnRole;
import org.labelloop.learn.tabular.ColumnType;
import org.labelloop.learn.tabular.Table;
import org.labelloop.learn.tabular.TableEncoder;
import org.labelloop.learn.tabular.TableSchema;

/**
 * A TABULAR asset's content is its row as one JSON object of column name to value (a number, true/false, a string, or
 * null for a missing value). This reads such contents into the learn side's {@link Table} and types a row by a schema.
 */
public final class TableRows {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TableRows() {}

  /** The cells of one row, as text, in the content's order; a JSON null is a missing (null) cell. */
  public static Map<String, String> cells(String content) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode row;
    try {
      row = MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a table row must be a JSON object");
    }
    if (row == null || !row.isObject()) throw new IllegalArgumentException("a table row must be a JSON object");
    row.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? null
        : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return out;
  }

  /**
   * The cells of a stored row; none (every cell missing) for a content that is not a row, which a TABULAR project
   * could take before its imports refused such content, so that one asset never stops its project's model or export.
   */
  public static Map<String, String> storedCells(String content) {
    try {
      return cells(content);
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }

  /** The rows under {@code names}: a column a row lacks is a missing cell, a key no name lists is left out. */
  public static Table table(List<String> names, List<Map<String, String>> rows) {
    return new Table(names, rows.stream().map(r -> names.stream().map(r::get).toList()).toList());
  }

  /** The columns named in {@code rows}, in order of first appearance. */
  public static List<String> names(List<Map<String, String>> rows) {
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(r -> names.addAll(r.keySet()));
    return new ArrayList<>(names);
  }

  /**
   * The schema inferred from {@code rows} by the learn side's {@link TableSchema#infer}; {@code label} (null: none)
   * names the column the labels were read from, which is not in the rows and joins the schema as the LABEL column.
   */
  public static TableSchema infer(List<Map<String, String>> rows, String label) {
    TableSchema inferred = TableSchema.infer(table(names(rows), rows), null);
    if (label == null || inferred.columns().stream().anyMatch(c -> c.name().equals(label))) return inferred;
    List<Column> columns = new ArrayList<>(inferred.columns());
    columns.add(new Column(label, ColumnType.CATEGORICAL, ColumnRole.LABEL));
    return new TableSchema(columns);
  }

  /**
   * Stored rows as the table's models see them, encoded on all of them: numbers standardised, categories one-hot, free
   * text as weighted words. {@code schema} is the project's (null: inferred from the rows).
   */
  public static SparseMatrix features(TableSchema schema, List<String> contents) {
    List<Map<String, String>> cells = contents.stream().map(TableRows::storedCells).toList();
    TableSchema typed = schema != null ? schema : infer(cells, null);
    if (typed.features().isEmpty()) throw LabelloopException.invalid("The table has no feature column to learn from");
    Table table = table(typed.columns().stream().map(Column::name).toList(), cells);
    return TableEncoder.fit(table, typed, IntStream.range(0, cells.size()).toArray(), TableEncoder.MAX_CATEGORIES).transform(table);
  }

  /**
   * The row's content with each value of a schema column written as its type: a number, true/false, or null when
   * missing (other columns as they came). Assumes {@link TableSchema#firstBadValue} found nothing.
   */
  static String typed(TableSchema schema, Map<String, String> cells) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    cells.forEach((name, value) -> {
      ColumnType type = schema.columns().stream().filter(c -> c.name().equals(name)).map(Column::type).findFirst().orElse(null);
      if (ColumnType.isMissing(value)) out.putNull(name);
      else if (type == ColumnType.NUMERIC) putNumber(out, name, ColumnType.number(value));
      else if (type == ColumnType.BOOLEAN) out.put(name, ColumnType.bool(value));
      else out.put(name, value);
    });
    return out.toString();
  }

  private static void putNumber(ObjectNode out, String name, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) out.put(name, (long) v);
    else out.put(name, v);
  }
}
