package org.labelloop.core.io;

import java.util.List;
import org.labelloop.learn.tabular.TableSchema;

/** What importing a file into a TABULAR project would give: the inferred schema and the first rows typed by it. */
public record TablePreview(TableSchema schema, List<Row> rows) {
  public TablePreview {
    rows = List.copyOf(rows);
  }

  /** A row on its line: its id and typed content, or why it would be refused. */
  public record Row(long line, String externalId, String content, String error) {}
}
