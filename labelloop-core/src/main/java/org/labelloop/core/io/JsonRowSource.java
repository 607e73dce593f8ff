package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;

/**
 * Reads JSON Lines (one asset object per line) or a JSON array of asset objects, streaming. An object has
 * {@code externalId} (or {@code id}), {@code content} (or {@code text}), and optionally {@code metadata},
 * {@code priority}, {@code isHoneypot} and {@code label}; the caller may name other fields for id, text and label.
 * Given a {@link RecordMapper}, the objects are another format's records (Label Studio tasks, Prodigy or Kili records).
 * A table's row is its {@code content} object, or else the object less those fields: every other field is a column.
 */
final class JsonRowSource implements RowSource {
  private final ImportOptions options;
  private final ImportLimits limits;
  private final RecordMapper records;
  private final Reader reader;
  private final ObjectMapper mapper;
  private final BoundedLines lines; // JSON Lines, else null
  private final RowLimitReader limited; // JSON array, else null
  private final JsonParser array; // JSON array, else null
  private long lineNo;
  private boolean done;
  private boolean tableRows;
  private String schemaLabel;

  private JsonRowSource(ImportOptions options, ImportLimits limits, Reader reader, boolean isArray, RecordMapper records) {
    this.options = options;
    this.limits = limits;
    this.records = records != null ? records : this::toRow;
    this.reader = reader;
    // a string over the cell cap fails while it is read, not once it is in memory
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(limits.maxCellChars()).maxNestingDepth(100).build())
        .build();
    this.mapper = new ObjectMapper(factory);
    if (isArray) {
      this.lines = null;
      this.limited = new RowLimitReader(reader, limits.maxRowChars());
      try {
        this.array = mapper.createParser(limited);
        if (array.nextToken() != JsonToken.START_ARRAY) {
          throw LabelloopException.invalid("line 1: a JSON import must be an array of " + (records == null ? "asset objects" : "objects"));
        }
      } catch (JsonProcessingException e) {
        throw LabelloopException.invalid("line " + line(e) + ": invalid JSON: " + Messages.printable(e.getOriginalMessage()));
      } catch (IOException e) {
        throw LabelloopException.invalid("line " + Messages.lineOf(e, 1) + ": " + Messages.rootMessage(e));
      }
    } else {
      this.lines = new BoundedLines(reader, limits.maxRowChars());
      this.limited = null;
      this.array = null;
    }
  }

  /** Table rows, as JSON Lines or one array; the label is read from {@code schemaLabel} (may be null) when it is there. */
  static JsonRowSource table(Reader reader, ImportOptions options, ImportLimits limits, boolean isArray, String schemaLabel) {
    JsonRowSource rows = new JsonRowSource(options, limits, reader, isArray, null);
    rows.tableRows = true;
    rows.schemaLabel = options.labelColumn() == null ? schemaLabel : null;
    return rows;
  }

  static JsonRowSource lines(Reader reader, ImportOptions options, ImportLimits limits) {
    return new JsonRowSource(options, limits, reader, false, null);
  }

  static JsonRowSource array(Reader reader, ImportOptions options, ImportLimits limits) {
    return new JsonRowSource(options, limits, reader, true, null);
  }

  /** The records of JSON Lines. */
  static JsonRowSource recordLines(Reader reader, ImportLimits limits, RecordMapper records) {
    return new JsonRowSource(null, limits, reader, false, records);
  }

  /** The records of a JSON array, or of JSON Lines when the file does not start with '['. */
  static JsonRowSource records(Reader reader, ImportLimits limits, RecordMapper records) {
    java.io.BufferedReader peekable = FirstChar.peekable(reader);
    return new JsonRowSource(null, limits, peekable, FirstChar.of(peekable) == '[', records);
  }

  /** Every call reads on or ends the source: an error the parser cannot step over is the last row. */
  @Override
  public ParsedRow next() {
    if (done) {
      return null;
    }
    try {
      return array == null ? nextLine() : nextElement();
    } catch (JsonProcessingException e) {
      done = true;
      return ParsedRow.failed(line(e), "invalid JSON: " + Messages.printable(e.getOriginalMessage()) + "; the rest of the file was not read");
    } catch (IOException | UncheckedIOException e) {
      done = true;
      return ParsedRow.failed(Messages.lineOf(e, Math.max(lineNo, 1)), Messages.rootMessage(e));
    }
  }

  private long line(JsonProcessingException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? Math.max(lineNo, 1) : e.getLocation().getLineNr();
  }

  private ParsedRow nextLine() throws IOException {
    lineNo = lines.lineNumber() + 1; // the line a read error would be on
    String line = lines.nextNonBlank();
    lineNo = lines.lineNumber();
    if (line == null) {
      done = true;
      return null;
    }
    if (line == BoundedLines.TOO_LONG) {
      return ParsedRow.failed(lineNo, "the line is longer than the limit of " + limits.maxRowChars() + " characters");
    }
    try {
      return records.row(lineNo, mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(line));
    } catch (JsonProcessingException e) {
      return ParsedRow.failed(lineNo, "invalid JSON: " + Messages.printable(e.getOriginalMessage()));
    }
  }

  private ParsedRow nextElement() throws IOException {
    JsonToken token = array.nextToken();
    if (token == JsonToken.END_ARRAY) {
      done = true;
      long end = array.currentTokenLocation().getLineNr();
      return array.nextToken() == null ? null : ParsedRow.failed(end, "invalid JSON: more content after the end of the array");
    }
    lineNo = array.currentTokenLocation().getLineNr();
    JsonNode node = mapper.readTree(array);
    limited.nextRow();
    return records.row(lineNo, node);
  }

  private ParsedRow toRow(long line, JsonNode node) {
    if (!node.isObject()) {
      return ParsedRow.failed(line, "expected an object, found " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    String labelField = schemaLabel != null && node.hasNonNull(schemaLabel) ? schemaLabel : field(node, options.labelColumn(), "label");
    String label = labelField == null ? null : text(node, labelField);
    String content = tableRows ? row(node, labelField) : text(node, options.textColumn(), "content", "text");
    if (content == null || content.isBlank()) {
      return ParsedRow.failed(line, "missing text (field 'content' or 'text')");
    }
    String tooLong = limits.cellProblem("content", content);
    if (tooLong != null) {
      return ParsedRow.failed(line, tooLong);
    }
    String id = text(node, options.idColumn(), "externalId", "id");
    JsonNode metadata = node.has("metadata") ? node.get("metadata") : JsonNodeFactory.instance.objectNode();
    return ParsedRow.ok(
        line,
        new AssetDraft(
            id == null || id.isBlank() ? Columns.contentId(content) : id,
            content,
            metadata,
            node.path("priority").asInt(0),
            node.path("isHoneypot").asBoolean(false),
            label));
  }

  /**
   * The row's cells: its {@code content} when that is an object (an asset as the API and the Python client send it,
   * so a column may be named like an asset field), else the object less its id, label and asset fields.
   */
  private String row(JsonNode node, String labelField) {
    if (node.path("content").isObject()) return node.get("content").toString();
    ObjectNode row = ((ObjectNode) node).deepCopy();
    row.remove(java.util.Arrays.asList(field(node, options.idColumn(), "externalId", "id"), labelField, "metadata", "priority", "isHoneypot"));
    return row.toString();
  }

  /** The name of the field {@link #text} reads, or null. */
  private static String field(JsonNode node, String chosen, String... defaults) {
    if (chosen != null && !chosen.isBlank()) return node.hasNonNull(chosen) ? chosen : null;
    for (String name : defaults) if (node.hasNonNull(name)) return name;
    return null;
  }

  private static String text(JsonNode node, String chosen, String... defaults) {
    if (chosen != null && !chosen.isBlank()) {
      return node.hasNonNull(chosen) ? node.get(chosen).asText() : null;
    }
    for (String name : defaults) {
      if (node.hasNonNull(name)) {
        return node.get(name).isValueNode() ? node.get(name).asText() : node.get(name).toString();
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    if (array != null) {
      array.close();
    }
    reader.close();
  }
}
