package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;

/**
 * Reads JSON Lines (one asset object per line) or a JSON array of asset objects, streaming. An object has
 * {@code externalId} (or {@code id}), {@code content} (or {@code text}), and optionally {@code metadata},
 * {@code priority}, {@code isHoneypot} and {@code label}; the caller may name other fields for id, text and label.
 */
final class JsonRowSource implements RowSource {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ImportOptions options;
  private final BufferedReader lines; // JSON Lines, else null
  private final JsonParser array; // JSON array, else null
  private long lineNo;

  private JsonRowSource(ImportOptions options, BufferedReader lines, JsonParser array) {
    this.options = options;
    this.lines = lines;
    this.array = array;
  }

  static JsonRowSource lines(Reader reader, ImportOptions options) {
    return new JsonRowSource(options, new BufferedReader(reader), null);
  }

  static JsonRowSource array(Reader reader, ImportOptions options) {
    try {
      JsonParser parser = MAPPER.createParser(reader);
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw LabelloopException.invalid("line 1: a JSON import must be an array of asset objects");
      }
      return new JsonRowSource(options, null, parser);
    } catch (IOException e) {
      throw LabelloopException.invalid("line 1: invalid JSON: " + CsvRowSource.rootMessage(e));
    }
  }

  @Override
  public ParsedRow next() {
    try {
      return array == null ? nextLine() : nextElement();
    } catch (JsonProcessingException e) {
      return ParsedRow.failed(e.getLocation() == null ? lineNo : e.getLocation().getLineNr(), "invalid JSON: " + e.getOriginalMessage());
    } catch (IOException | UncheckedIOException e) {
      return ParsedRow.failed(lineNo, CsvRowSource.rootMessage(e));
    }
  }

  private ParsedRow nextLine() throws IOException {
    String line;
    do {
      line = lines.readLine();
      lineNo++;
    } while (line != null && line.isBlank());
    if (line == null) {
      return null;
    }
    try {
      return toRow(lineNo, MAPPER.readTree(line));
    } catch (JsonProcessingException e) {
      return ParsedRow.failed(lineNo, "invalid JSON: " + e.getOriginalMessage());
    }
  }

  private ParsedRow nextElement() throws IOException {
    JsonToken token = array.nextToken();
    if (token == null || token == JsonToken.END_ARRAY) {
      return null;
    }
    lineNo = array.currentLocation().getLineNr();
    return toRow(lineNo, MAPPER.readTree(array));
  }

  private ParsedRow toRow(long line, JsonNode node) {
    if (!node.isObject()) {
      return ParsedRow.failed(line, "expected an object, found " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    String content = text(node, options.textColumn(), "content", "text");
    if (content == null || content.isBlank()) {
      return ParsedRow.failed(line, "missing text (field 'content' or 'text')");
    }
    String id = text(node, options.idColumn(), "externalId", "id");
    JsonNode metadata = node.has("metadata") ? node.get("metadata") : JsonNodeFactory.instance.objectNode();
    String label = text(node, options.labelColumn(), "label");
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
    if (lines != null) {
      lines.close();
    } else {
      array.close();
    }
  }
}
