package org.labelloop.core.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.InputType;

/**
 * Reads CSV (RFC 4180) or TSV with a header row. Columns other than id, text and label become the asset's metadata;
 * for a tabular project the whole row (less id and label) becomes the content as JSON, a text column included. A row
 * without an id column gets a content hash as its externalId, so importing the same file twice finds duplicates.
 * Given a {@link RecordMapper}, each row goes to it as an object of column names to cells (a Kili CSV).
 */
final class CsvRowSource implements RowSource {
  private final RowLimitReader limited;
  private final ImportLimits limits;
  private final CSVParser parser;
  private final List<String> header;
  private final Iterator<CSVRecord> records;
  private final Columns columns; // null with a record mapper
  private final RecordMapper mapper;
  private final boolean rowAsContent;
  private boolean broken;

  CsvRowSource(Reader reader, char delimiter, ImportOptions options, InputType inputType, ImportLimits limits) {
    this(reader, delimiter, options, inputType, limits, null, null);
  }

  /** A table's rows: each row less its id and label columns is one asset's content; {@code schemaLabel} may be null. */
  static CsvRowSource table(Reader reader, char delimiter, ImportOptions options, ImportLimits limits, String schemaLabel) {
    return new CsvRowSource(reader, delimiter, options, InputType.TABULAR, limits, null, schemaLabel);
  }

  /** A CSV file whose rows are another format's records. */
  static CsvRowSource records(Reader reader, ImportLimits limits, RecordMapper records) {
    return new CsvRowSource(reader, ',', null, InputType.TEXT, limits, records, null);
  }

  private CsvRowSource(Reader reader, char delimiter, ImportOptions options, InputType inputType, ImportLimits limits,
      RecordMapper records, String schemaLabel) {
    this.limits = limits;
    this.mapper = records;
    this.limited = new RowLimitReader(reader, limits.maxRowChars());
    CSVFormat format =
        CSVFormat.RFC4180.builder()
            .setDelimiter(delimiter)
            .setQuote(delimiter == '\t' ? null : '"')
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW) // else "a,b,b" maps b past the row's end
            .get();
    try {
      parser = CSVParser.parse(limited, format);
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      // Commons CSV quotes the whole header in some messages: Messages cuts it short
      throw LabelloopException.invalid("line " + Messages.lineOf(e, 1) + ": cannot read the header: " + Messages.rootMessage(e));
    }
    limited.nextRow();
    header = parser.getHeaderNames();
    if (header.isEmpty()) {
      throw LabelloopException.invalid("line 1: the file is empty: it needs a header line naming its columns");
    }
    String tooLong = header.stream().filter(h -> h.length() > limits.maxCellChars()).findFirst().orElse(null);
    if (tooLong != null) {
      throw LabelloopException.invalid("line 1: " + limits.cellProblem("a column name", tooLong));
    }
    columns = mapper != null ? null : Columns.resolve(header, options, inputType == InputType.TABULAR, schemaLabel);
    rowAsContent = columns != null && columns.text() == null;
    this.records = parser.iterator();
  }

  @Override
  public ParsedRow next() {
    if (broken) {
      return null;
    }
    long line = parser.getCurrentLineNumber() + 1;
    CSVRecord record;
    try {
      if (!records.hasNext()) {
        return null;
      }
      record = records.next();
    } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      broken = true; // after a malformed quote or an over-long row the rest cannot be split into rows reliably
      return ParsedRow.failed(Messages.lineOf(e, line), Messages.rootMessage(e));
    }
    limited.nextRow();
    if (!record.isConsistent()) {
      return ParsedRow.failed(line, "expected " + header.size() + " fields, found " + record.size());
    }
    for (int i = 0; i < record.size(); i++) {
      String problem = limits.cellProblem("column " + (i + 1), record.get(i));
      if (problem != null) {
        return ParsedRow.failed(line, problem);
      }
    }
    return mapper != null ? mapper.row(line, object(record)) : toDraft(line, record);
  }

  private ObjectNode object(CSVRecord record) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    header.forEach(name -> row.put(name, record.get(name)));
    return row;
  }

  private ParsedRow toDraft(long line, CSVRecord record) {
    ObjectNode rest = JsonNodeFactory.instance.objectNode();
    for (String name : header) {
      if (!name.equals(columns.id()) && !name.equals(columns.text()) && !name.equals(columns.label())) {
        rest.put(name, record.get(name));
      }
    }
    String content = rowAsContent ? rest.toString() : record.get(columns.text());
    if (content.isBlank()) {
      return ParsedRow.failed(line, "empty text in column '" + columns.text() + "'");
    }
    String id = columns.id() == null ? Columns.contentId(content) : record.get(columns.id()).trim();
    if (id.isEmpty()) {
      return ParsedRow.failed(line, "empty id in column '" + columns.id() + "'");
    }
    String label = columns.label() == null ? null : record.get(columns.label()).trim();
    // No other columns: no metadata, rather than an empty object to encode and decode for every row.
    ObjectNode metadata = rowAsContent || rest.isEmpty() ? null : rest;
    return ParsedRow.ok(line, new AssetDraft(id, content, metadata, 0, false, label == null || label.isEmpty() ? null : label));
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
