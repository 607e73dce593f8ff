package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.format.NerFormatException;
import org.labelloop.learn.ner.format.ProdigyFormat;

/**
 * A Prodigy record as a text asset with its answer: {@code spans} (read by labelloop-learn's Prodigy reader, on the
 * record's own tokens) answer the NER job, and the categories of {@code accept} (the choice interface) or the
 * {@code label} of an accepted binary question answer the classification job. A record answered {@code reject} or
 * {@code ignore} is imported without a label; its {@code meta} becomes the asset's metadata. In a project with an NER
 * job and no classification job, an accepted record without spans is labeled "no entity".
 */
final class ProdigyRecords implements RecordMapper {
  private final String source;
  private final Job ner;
  private final Job classes;
  private int count;

  ProdigyRecords(Project project, String source) {
    if (ImportRecords.media(project)) {
      throw org.labelloop.core.error.LabelloopException.invalid("format prodigy: Prodigy files hold texts; this project's assets are " + project.inputType());
    }
    this.source = source;
    this.ner = project.jsonInterface().firstJob(MlTask.NAMED_ENTITIES_RECOGNITION).orElse(null);
    this.classes = project.jsonInterface().firstJob(MlTask.CLASSIFICATION).orElse(null);
  }

  @Override
  public ParsedRow row(long line, JsonNode record) {
    int k = count++;
    if (!record.isObject()) {
      return ParsedRow.failed(line, "expected an object, found " + record.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    String text = record.path("text").isTextual() ? record.get("text").asText() : "";
    if (text.isBlank()) {
      return ParsedRow.failed(line, "missing text (field 'text')");
    }
    Map<String, Object> tree = ImportRecords.tree(record);
    String id = ImportRecords.id(record.path("id").isTextual() || source != null ? ProdigyFormat.id(tree, k, source) : null, source, k, text);
    JsonNode meta = record.path("meta").isObject() ? record.get("meta") : JsonNodeFactory.instance.objectNode();
    AssetDraft draft = new AssetDraft(id, text, meta, 0, false, null);
    if (!ProdigyFormat.accepted(tree)) {
      return ParsedRow.ok(line, draft);
    }
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    boolean hasSpans = record.has("spans");
    if (ner != null && (hasSpans || classes == null)) {
      NerSentence sentence;
      try {
        sentence = ProdigyFormat.sentence(tree, id, "the record");
      } catch (NerFormatException | IllegalArgumentException e) {
        return ParsedRow.failed(line, Messages.printable(e.getMessage()));
      }
      NerFiles.Answer spans = NerFiles.answer(ner, sentence);
      if (spans.problem() != null) {
        return ParsedRow.failed(line, spans.problem());
      }
      answer.setAll((ObjectNode) spans.response());
    } else if (hasSpans && !record.path("spans").isEmpty()) {
      return ParsedRow.failed(line, "the record has spans, but the project has no NAMED_ENTITIES_RECOGNITION job");
    }
    List<String> chosen = chosen(record);
    if (!chosen.isEmpty()) {
      if (classes == null) {
        return ParsedRow.failed(line, "the record accepts " + Messages.printable(chosen.toString()) + ", but the project has no CLASSIFICATION job");
      }
      ArrayNode categories = answer.putObject(classes.id()).putArray("categories");
      for (String name : chosen) {
        Optional<Category> category = classes.categoryNamed(name);
        if (category.isEmpty()) {
          return ParsedRow.failed(line, "unknown category '" + Messages.printable(name) + "' (categories: " + classes.categories().keySet() + ")");
        }
        categories.addObject().put("name", category.get().id());
      }
    }
    return answer.isEmpty() ? ParsedRow.ok(line, draft) : ParsedRow.answered(line, draft, answer);
  }

  /** The categories the annotator accepted: the ids in {@code accept}, else the question's {@code label}. */
  private static List<String> chosen(JsonNode record) {
    List<String> out = new ArrayList<>();
    if (record.path("accept").isArray()) {
      record.get("accept").forEach(v -> out.add(v.asText()));
    } else if (record.path("label").isTextual() && !record.get("label").asText().isBlank()) {
      out.add(record.get("label").asText());
    }
    return out;
  }
}
