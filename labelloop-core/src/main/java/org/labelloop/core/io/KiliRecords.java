package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.ChosenLabel;
import org.labelloop.core.label.LabelType;

/**
 * A Kili asset with its label: {@code externalId}, {@code content} (a text, or for images and audio a URL or a file's
 * path in the zip it came in), {@code jsonMetadata} and the answer in Kili's jsonResponse shape, which is the
 * project's own and is checked like any label. The answer is {@code jsonResponse}, else {@code latestLabel}'s, else
 * the one {@link ChosenLabel} picks among {@code labels} (the newest REVIEW, else the newest DEFAULT that is not a
 * skip). The newest PREDICTION label among them comes along as a prediction, tagged with its {@code modelVersion}
 * (Kili: {@code modelName}). In a CSV the JSON fields are cells holding JSON. Labelloop's own JSON Lines export is read
 * the same way, so it imports again with its labels and the model's pre-annotations.
 */
final class KiliRecords implements RecordMapper {
  private int count;

  @Override
  public ParsedRow row(long line, JsonNode record) {
    int k = count++;
    if (!record.isObject()) {
      return ParsedRow.failed(line, "expected an object, found " + record.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    String content = ImportRecords.text(record, "content", "text");
    if (content == null) {
      return ParsedRow.failed(line, "missing content (field 'content')");
    }
    String id = ImportRecords.id(ImportRecords.text(record, "externalId", "external_id"), null, k, content);
    try {
      JsonNode metadata = ImportRecords.json(record, "jsonMetadata");
      metadata = metadata != null ? metadata : ImportRecords.json(record, "metadata");
      if (metadata != null && !metadata.isObject()) {
        return ParsedRow.failed(line, "jsonMetadata must be a JSON object");
      }
      AssetDraft draft = new AssetDraft(id, content, metadata != null ? metadata : JsonNodeFactory.instance.objectNode(),
          record.path("priority").asInt(0), record.path("isHoneypot").asBoolean(false), null);
      List<JsonNode> labels = labels(record);
      JsonNode answer = answer(record, labels);
      if (answer != null && !answer.isObject()) {
        return ParsedRow.failed(line, "jsonResponse must be a JSON object keyed by job id");
      }
      ParsedRow row = answer == null || answer.isEmpty() ? ParsedRow.ok(line, draft) : ParsedRow.answered(line, draft, answer);
      JsonNode prediction = labels.reversed().stream().filter(l -> type(l) == LabelType.PREDICTION).findFirst().orElse(null);
      JsonNode predicted = prediction == null ? null : ImportRecords.json(prediction, "jsonResponse");
      if (predicted == null || predicted.isEmpty()) {
        return row;
      }
      if (!predicted.isObject()) {
        return ParsedRow.failed(line, "a PREDICTION label's jsonResponse must be a JSON object keyed by job id");
      }
      String model = ImportRecords.text(prediction, "modelVersion", "modelName");
      return row.predicted(new ParsedRow.Prediction(predicted, model));
    } catch (LabelloopException e) {
      return ParsedRow.failed(line, "asset " + Messages.printable(id) + ": " + e.getMessage());
    }
  }

  private static JsonNode answer(JsonNode record, List<JsonNode> labels) {
    JsonNode direct = ImportRecords.json(record, "jsonResponse");
    if (direct != null) {
      return direct;
    }
    JsonNode latest = ImportRecords.json(record, "latestLabel");
    if (latest != null && latest.isObject()) {
      return ImportRecords.json(latest, "jsonResponse");
    }
    return ChosenLabel.of(labels, KiliRecords::type, l -> l.path("skipped").asBoolean(false))
        .map(l -> ImportRecords.json(l, "jsonResponse")).orElse(null);
  }

  /** The record's {@code labels}, oldest first. */
  private static List<JsonNode> labels(JsonNode record) {
    JsonNode labels = ImportRecords.json(record, "labels");
    if (labels == null || !labels.isArray()) {
      return List.of();
    }
    List<JsonNode> ordered = new ArrayList<>();
    labels.forEach(ordered::add);
    if (ordered.stream().allMatch(l -> l.path("createdAt").isTextual())) {
      ordered.sort(Comparator.comparing(l -> l.path("createdAt").asText())); // ISO 8601 instants sort as text
    }
    return ordered;
  }

  /** A label's type; a label that does not say is a DEFAULT one; other types (predictions, autosaves) are never chosen. */
  private static LabelType type(JsonNode label) {
    String type = label.path("labelType").asText("DEFAULT");
    try {
      return LabelType.valueOf(type);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
