package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Reader;
import java.util.Locale;
import java.util.Map;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;

/**
 * The formats whose records carry assets with their labels: Label Studio tasks (a JSON array, or JSON Lines), Prodigy
 * and doccano JSON Lines (doccano also as an array), and Kili assets (a JSON array, JSON Lines, or CSV with JSON cells). A Label Studio task or Prodigy record
 * without an id of its own is named {@code <file name>#k} (k counting the records from 0), or, in an upload without a
 * name, by a hash of its content; a Kili asset without an externalId is named by that hash, like a CSV row.
 */
final class ImportRecords {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ImportRecords() {}

  /** Whether {@code format} is one of these formats. */
  static boolean handles(ImportFormat format) {
    return format == ImportFormat.LABELSTUDIO || format == ImportFormat.PRODIGY || format == ImportFormat.KILI
        || format == ImportFormat.DOCCANO;
  }

  /** The mapper of a format's records for this project; {@code source} (may be null) names the file. */
  static RecordMapper mapper(ImportFormat format, Project project, String source) {
    return switch (format) {
      case LABELSTUDIO -> new LabelStudioRecords(project, source);
      case PRODIGY -> new ProdigyRecords(project, source);
      case KILI -> new KiliRecords();
      case DOCCANO -> new DoccanoRecords(project, source);
      default -> throw new IllegalArgumentException(format + " has no records");
    };
  }

  /** The file's rows: Prodigy as JSON Lines; Label Studio as an array or lines; Kili also as CSV when not JSON. */
  static RowSource open(Reader reader, ImportFormat format, ImportLimits limits, RecordMapper records) {
    BufferedReader in = FirstChar.peekable(reader);
    if (format == ImportFormat.KILI) {
      int first = FirstChar.of(in);
      if (first != '[' && first != '{') {
        return CsvRowSource.records(in, limits, records);
      }
    }
    return format == ImportFormat.PRODIGY ? JsonRowSource.recordLines(in, limits, records) : JsonRowSource.records(in, limits, records);
  }

  /**
   * For an IMAGE or AUDIO project sent the file alone (not in a zip with its media): every asset must be a URL, since
   * there is no file to store.
   */
  static RecordMapper urlsOnly(RecordMapper records) {
    return (line, record) -> {
      ParsedRow row = records.row(line, record);
      if (row.error() != null) {
        return row;
      }
      String content = row.draft().content().toLowerCase(Locale.ROOT);
      return content.startsWith("http://") || content.startsWith("https://") ? row
          : ParsedRow.failed(line, "'" + Messages.printable(row.draft().content()) + "' is not a URL: import a zip of the files"
              + " with this file in it");
    };
  }

  static boolean media(Project project) {
    return project.inputType() == InputType.IMAGE || project.inputType() == InputType.AUDIO;
  }

  /** A record as the plain Map/List tree labelloop-learn's readers take. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> tree(JsonNode record) {
    return MAPPER.convertValue(record, Map.class);
  }

  static JsonNode node(Object tree) {
    return MAPPER.valueToTree(tree);
  }

  /** The first of these fields that holds a non-blank value, as text; null when none does. */
  static String text(JsonNode record, String... fields) {
    for (String field : fields) {
      JsonNode v = record.get(field);
      if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return null;
  }

  /** A field holding JSON: an object or array as it is, or a string (a CSV cell, Kili's jsonMetadata) parsed; null when absent or empty. */
  static JsonNode json(JsonNode record, String field) {
    JsonNode v = record.get(field);
    if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
      return null;
    }
    if (!v.isTextual()) {
      return v;
    }
    try {
      return MAPPER.readTree(v.asText());
    } catch (JsonProcessingException e) {
      throw LabelloopException.invalid("'" + field + "' is not valid JSON: " + Messages.printable(e.getOriginalMessage()));
    }
  }

  /** The record's own id, else {@code <source>#k}, else the content's hash. */
  static String id(String own, String source, int k, String content) {
    return own != null ? own : source != null ? source + "#" + k : Columns.contentId(content);
  }
}
