package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Project;

/**
 * A doccano record as a text asset with its answer. doccano exports JSON Lines of {@code text} (older versions:
 * {@code data}) with {@code label}: category names in a text classification project, {@code [start, end, "TAG"]}
 * character spans in a sequence labeling one; its intent and slot projects write {@code cats} and {@code entities},
 * and its relation projects {@code entities} as {@code {start_offset, end_offset, label}} objects. Spans and categories
 * become Label Studio regions read by {@link LabelStudioResults}, so they find their job and category the same way
 * (the project's only job of that kind; a category by id or name). A record without a label is imported unlabeled;
 * its other fields, but doccano's own bookkeeping, become metadata.
 */
final class DoccanoRecords implements RecordMapper {
  private static final Set<String> OWN = Set.of("id", "text", "data", "label", "labels", "cats", "entities", "relations",
      "Comments", "comments");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Project project;
  private final String source;
  private int count;

  DoccanoRecords(Project project, String source) {
    if (ImportRecords.media(project)) {
      throw LabelloopException.invalid("format doccano: doccano files hold texts; this project's assets are " + project.inputType());
    }
    this.project = project;
    this.source = source;
  }

  @Override
  public ParsedRow row(long line, JsonNode record) {
    int k = count++;
    if (!record.isObject()) {
      return ParsedRow.failed(line, "expected an object, found " + record.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    String text = ImportRecords.text(record, "text", "data");
    if (text == null) {
      return ParsedRow.failed(line, "missing text (field 'text')");
    }
    String id = ImportRecords.id(ImportRecords.text(record, "id"), source, k, text);
    ObjectNode metadata = JSON.objectNode();
    record.properties().forEach(e -> {
      if (!OWN.contains(e.getKey())) metadata.set(e.getKey(), e.getValue());
    });
    AssetDraft draft = new AssetDraft(id, text, metadata, 0, false, null);
    ArrayNode regions = JSON.arrayNode();
    try {
      for (String field : new String[] {"label", "labels", "cats", "entities"}) {
        for (JsonNode item : record.path(field)) {
          regions.add(region(item, text));
        }
      }
      ObjectNode answer = LabelStudioResults.toJsonResponse(project.jsonInterface(), regions, text);
      return answer.isEmpty() ? ParsedRow.ok(line, draft) : ParsedRow.answered(line, draft, answer);
    } catch (LabelloopException e) {
      return ParsedRow.failed(line, "record " + Messages.printable(id) + ": " + e.getMessage());
    }
  }

  /** A category name, a {@code [start, end, label]} span or a {@code {start_offset, end_offset, label}} span as a region. */
  private static ObjectNode region(JsonNode item, String text) {
    ObjectNode region = JSON.objectNode();
    ObjectNode value = region.putObject("value");
    if (item.isTextual()) {
      region.put("type", "choices");
      value.putArray("choices").add(item.asText());
      return region;
    }
    boolean triple = item.isArray() && item.size() == 3 && item.get(0).isIntegralNumber() && item.get(1).isIntegralNumber();
    boolean object = item.isObject() && item.path("start_offset").isIntegralNumber() && item.path("end_offset").isIntegralNumber();
    if (!triple && !object) {
      throw LabelloopException.invalid("a label is a category name, [start, end, \"label\"] or {start_offset, end_offset, label}, not "
          + Messages.printable(item.toString()));
    }
    region.put("type", "labels");
    value.put("start", triple ? item.get(0).asInt() : item.get("start_offset").asInt());
    value.put("end", triple ? item.get(1).asInt() : item.get("end_offset").asInt());
    value.putArray("labels").add(triple ? item.get(2).asText() : item.path("label").asText());
    return region;
  }
}
