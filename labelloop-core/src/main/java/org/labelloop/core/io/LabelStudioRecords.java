package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.learn.ner.format.LabelStudioFormat;
import org.labelloop.learn.ner.format.NerFormatException;

/**
 * A Label Studio task as an asset with its answer. The task is read by labelloop-learn's Label Studio reader (the
 * first annotation that was not cancelled) and its regions are mapped by {@link LabelStudioResults}: choices,
 * labels (spans) and rectangle labels, each to its job. The asset is {@code data.text} (or {@code data.image},
 * {@code data.audio}: a URL, or a file's path in the zip it came in); the rest of {@code data} becomes its metadata. A
 * JSON-MIN row's data are its top-level fields, whose bare strings may be single choices ({@link LabelStudioMinAnswers}).
 * An annotated task labels every NER job it has no span for as "no entity"; a task without annotations, or whose
 * annotation answers nothing, is imported unlabeled. The task's newest prediction becomes a PREDICTION label tagged
 * with its {@code model_version}, its {@code score} the confidence of what it chose.
 */
final class LabelStudioRecords implements RecordMapper {
  private final Project project;
  private final String source;
  private final String dataKey;
  private int count;

  LabelStudioRecords(Project project, String source) {
    this.project = project;
    this.source = source;
    this.dataKey = LabelStudioResults.dataKey(project.inputType());
  }

  @Override
  public ParsedRow row(long line, JsonNode record) {
    int k = count++;
    LabelStudioFormat.Task task;
    try {
      task = LabelStudioFormat.task(ImportRecords.tree(record), k, source == null ? "upload" : source, "the task");
    } catch (NerFormatException | IllegalArgumentException e) {
      return ParsedRow.failed(line, Messages.printable(e.getMessage()));
    }
    if (!(task.data().get(dataKey) instanceof String content) || content.isBlank()) {
      return ParsedRow.failed(line, "the task has no data." + dataKey + " (the assets of this project are " + project.inputType() + ")");
    }
    String id = ImportRecords.id(record.hasNonNull("id") || source != null ? task.id() : null, source, k, content);
    String text = ImportRecords.media(project) ? null : content;
    ArrayNode results = (ArrayNode) ImportRecords.node(task.results());
    ObjectNode answer;
    Set<String> answering = Set.of();
    try {
      if (task.jsonMin()) {
        LabelStudioMinAnswers min = LabelStudioMinAnswers.of(project.jsonInterface(), dataKey, task.data(), results);
        results.addAll(min.regions());
        answering = min.fields();
      }
      answer = LabelStudioResults.toJsonResponse(project.jsonInterface(), results, text);
    } catch (LabelloopException e) {
      return ParsedRow.failed(line, "task " + Messages.printable(id) + ": " + e.getMessage());
    }
    AssetDraft draft = new AssetDraft(id, content, metadata(task.data(), answering), 0, false, null);
    ParsedRow row = task.annotated() || !answering.isEmpty() ? answered(line, draft, answer, text) : ParsedRow.ok(line, draft);
    LabelStudioFormat.Prediction p = task.prediction();
    if (p == null) {
      return row;
    }
    try {
      ObjectNode predicted = LabelStudioResults.toJsonResponse(project.jsonInterface(), ImportRecords.node(p.results()), text, p.score());
      return predicted.isEmpty() ? row
          : row.predicted(new ParsedRow.Prediction(predicted, p.modelVersion()));
    } catch (LabelloopException e) {
      return ParsedRow.failed(line, "task " + Messages.printable(id) + ": its prediction: " + e.getMessage());
    }
  }

  /** An annotated task's answer; on a text, every NER job it has no span for is answered "no entity". */
  private ParsedRow answered(long line, AssetDraft draft, ObjectNode answer, String text) {
    if (text != null) {
      for (Job job : project.jsonInterface().jobs().values()) {
        if (job.mlTask() == MlTask.NAMED_ENTITIES_RECOGNITION && !answer.has(job.id())) {
          answer.putObject(job.id()).putArray("annotations");
        }
      }
    }
    return answer.isEmpty() ? ParsedRow.ok(line, draft) : ParsedRow.answered(line, draft, answer);
  }

  /** The task's data but the asset and the fields that answered a job. */
  private ObjectNode metadata(Map<String, Object> data, Set<String> answering) {
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, Object> e : data.entrySet()) {
      if (!e.getKey().equals(dataKey) && !answering.contains(e.getKey())) {
        metadata.set(e.getKey(), ImportRecords.node(e.getValue()));
      }
    }
    return metadata;
  }
}
