package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.MlTask;

/**
 * The single choices of a Label Studio JSON-MIN row. Label Studio writes a Choices tag with one choice as a bare
 * string beside the task's data, so only the project tells them apart: a string answers a classification job when its
 * field is named by the job, or when it is a category of the project's only classification job; any other string
 * stays data (metadata). Two fields that answer the same single-choice job make the row an error rather than one
 * silently winning.
 */
record LabelStudioMinAnswers(ArrayNode regions, Set<String> fields) {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The choices regions of {@code data}'s strings (the asset's own field {@code dataKey} aside) and their fields. */
  static LabelStudioMinAnswers of(JsonInterface iface, String dataKey, Map<String, Object> data, JsonNode results) {
    List<Job> classifications = iface.jobs().values().stream().filter(j -> j.mlTask() == MlTask.CLASSIFICATION).toList();
    Map<String, String> answeredBy = new HashMap<>();
    for (JsonNode r : results) {
      if (r.path("type").asText().equals("choices")) {
        claim(LabelStudioResults.job(iface, r.path("from_name").asText(), "choices"), r.path("from_name").asText(), answeredBy);
      }
    }
    ArrayNode regions = JSON.arrayNode();
    Set<String> fields = new HashSet<>();
    for (Map.Entry<String, Object> e : data.entrySet()) {
      if (e.getKey().equals(dataKey) || !(e.getValue() instanceof String value)) continue;
      Job job = answering(iface.jobs().get(e.getKey()), classifications, value);
      if (job == null) continue;
      claim(job, e.getKey(), answeredBy);
      fields.add(e.getKey());
      regions.addObject().put("from_name", job.id()).put("type", "choices").putObject("value").putArray("choices").add(value);
    }
    return new LabelStudioMinAnswers(regions, fields);
  }

  private static Job answering(Job named, List<Job> classifications, String value) {
    if (named != null && named.mlTask() == MlTask.CLASSIFICATION) return named;
    return classifications.size() == 1 && classifications.getFirst().categoryNamed(value).isPresent() ? classifications.getFirst() : null;
  }

  private static void claim(Job job, String field, Map<String, String> answeredBy) {
    if (job == null || job.multiple()) return;
    String other = answeredBy.putIfAbsent(job.id(), field);
    if (other != null) {
      throw LabelloopException.invalid("fields '" + Messages.printable(other) + "' and '" + Messages.printable(field)
          + "' both answer job " + job.id() + ", which takes one category");
    }
  }
}
