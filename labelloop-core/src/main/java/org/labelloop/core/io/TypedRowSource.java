package org.labelloop.core.io;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.learn.tabular.TableSchema;

/**
 * Types the rows of a TABULAR import by the project's schema: a value its column's type cannot read (a word in a
 * numeric column) makes the row an error on its line, and a good row's content is rewritten with typed values. A
 * project without a schema yet gets one inferred from the file's first {@value #INFER_ROWS} rows, which wait here
 * until it is known; {@link #schema()} then says what the import used.
 */
final class TypedRowSource implements RowSource {
  static final int INFER_ROWS = 2000;

  private final RowSource rows;
  private final String labelColumn;
  private final Deque<ParsedRow> waiting = new ArrayDeque<>();
  private TableSchema schema;
  private boolean inferred;
  private boolean ended;

  /**
   * @param stored the project's schema, or null to infer one
   * @param labelColumn the column labels are read from (null: the usual "label"), named by an inferred schema
   */
  TypedRowSource(RowSource rows, TableSchema stored, String labelColumn) {
    this.rows = rows;
    this.schema = stored;
    this.labelColumn = labelColumn == null ? "label" : labelColumn;
  }

  /** The schema the rows were typed by; null before the first row is read from a project without one. */
  TableSchema schema() {
    return schema;
  }

  /** Whether {@link #schema()} was inferred from this file rather than stored. */
  boolean inferred() {
    return inferred;
  }

  @Override
  public ParsedRow next() {
    if (schema == null) infer();
    ParsedRow row = !waiting.isEmpty() ? waiting.poll() : ended ? null : rows.next();
    return row == null || row.draft() == null ? row : typed(row);
  }

  private void infer() {
    List<Map<String, String>> cells = new ArrayList<>();
    boolean labeled = false;
    while (waiting.size() < INFER_ROWS) {
      ParsedRow row = rows.next();
      if (row == null) {
        ended = true;
        break;
      }
      waiting.add(row);
      if (row.draft() == null) continue;
      labeled |= row.draft().label() != null;
      try {
        cells.add(TableRows.cells(row.draft().content()));
      } catch (IllegalArgumentException e) {
        // reported on its line by typed()
      }
    }
    schema = TableRows.infer(cells, labeled ? labelColumn : null);
    inferred = true;
  }

  private ParsedRow typed(ParsedRow row) {
    AssetDraft d = row.draft();
    Map<String, String> cells;
    try {
      cells = TableRows.cells(d.content());
    } catch (IllegalArgumentException e) {
      return ParsedRow.failed(row.line(), e.getMessage());
    }
    var bad = schema.firstBadValue(TableRows.table(schema.columns().stream().map(c -> c.name()).toList(), List.of(cells)));
    if (bad.isPresent()) return ParsedRow.failed(row.line(), bad.get().message());
    AssetDraft typed = new AssetDraft(d.externalId(), TableRows.typed(schema, cells), d.metadata(), d.priority(), d.honeypot(), d.label());
    return new ParsedRow(row.line(), typed, row.answer(), row.prediction(), null);
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
