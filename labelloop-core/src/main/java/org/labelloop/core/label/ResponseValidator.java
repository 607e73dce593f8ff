package org.labelloop.core.label;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.MlTask;

/**
 * Checks a {@code jsonResponse} against a project's interface and the asset's text, in Kili's shapes: classification
 * {@code {"JOB": {"categories": [{"name": ID}]}}}, entities {@code {"JOB": {"annotations": [{"categories": [{"name":
 * ID}], "beginOffset": N, "content": "..."}]}}} and boxes {@code {"JOB": {"annotations": [{"categories": [...],
 * "boundingPoly": [{"normalizedVertices": [{"x", "y"}, ...]}]}]}}}. Every problem is reported with its path.
 */
public final class ResponseValidator {
  private ResponseValidator() {}

  public static void validate(JsonInterface iface, JsonNode response, String text, boolean requireRequiredJobs) {
    List<String> problems = new ArrayList<>();
    if (response == null || !response.isObject()) {
      throw LabelloopException.invalid("jsonResponse: must be an object keyed by job id");
    }
    for (Map.Entry<String, JsonNode> entry : response.properties()) {
      Job job = iface.job(entry.getKey());
      if (job == null) {
        problems.add(entry.getKey() + ": unknown job (the interface has " + iface.jobs().keySet() + ")");
        continue;
      }
      switch (job.mlTask()) {
        case CLASSIFICATION -> checkClassification(job, entry.getValue(), problems);
        case NAMED_ENTITIES_RECOGNITION -> checkEntities(job, entry.getValue(), text, problems);
        case OBJECT_DETECTION -> checkBoxes(job, entry.getValue(), problems);
      }
    }
    if (requireRequiredJobs) {
      iface.jobs().values().stream()
          .filter(j -> j.required() && j.mlTask() == MlTask.CLASSIFICATION && isEmpty(response.get(j.id())))
          .forEach(j -> problems.add(j.id() + ": required, but no category is given"));
    }
    if (!problems.isEmpty()) {
      throw LabelloopException.invalid("Label does not match the interface: " + problems.getFirst(), problems);
    }
  }

  private static boolean isEmpty(JsonNode jobResponse) {
    return jobResponse == null || jobResponse.path("categories").isEmpty();
  }

  private static void checkClassification(Job job, JsonNode node, List<String> problems) {
    JsonNode categories = node.path("categories");
    if (!categories.isArray()) {
      problems.add(job.id() + ".categories: must be an array");
      return;
    }
    if (!job.multiple() && categories.size() > 1) {
      problems.add(job.id() + ".categories: a radio job takes one category, got " + categories.size());
    }
    for (int i = 0; i < categories.size(); i++) {
      checkCategory(job, categories.get(i), job.id() + ".categories[" + i + "]", problems);
    }
  }

  private static void checkEntities(Job job, JsonNode node, String text, List<String> problems) {
    JsonNode annotations = node.path("annotations");
    if (!annotations.isArray()) {
      problems.add(job.id() + ".annotations: must be an array");
      return;
    }
    for (int i = 0; i < annotations.size(); i++) {
      JsonNode a = annotations.get(i);
      String path = job.id() + ".annotations[" + i + "]";
      checkSingleCategory(job, a, path, problems);
      JsonNode begin = a.get("beginOffset");
      String content = a.path("content").asText("");
      if (begin == null || !begin.canConvertToInt() || begin.asInt() < 0) {
        problems.add(path + ".beginOffset: must be a non-negative integer");
      } else if (content.isEmpty()) {
        problems.add(path + ".content: must be the non-empty text of the span");
      } else {
        int start = begin.asInt();
        int end = start + content.length();
        if (end > text.length()) {
          problems.add(path + ": span [" + start + ", " + end + ") is outside the text (length " + text.length() + ")");
        } else if (!text.regionMatches(start, content, 0, content.length())) {
          problems.add(path + ": content '" + content + "' does not match the text at " + start + " ('" + text.substring(start, end) + "')");
        }
      }
    }
  }

  private static void checkBoxes(Job job, JsonNode node, List<String> problems) {
    JsonNode annotations = node.path("annotations");
    if (!annotations.isArray()) {
      problems.add(job.id() + ".annotations: must be an array");
      return;
    }
    for (int i = 0; i < annotations.size(); i++) {
      JsonNode a = annotations.get(i);
      String path = job.id() + ".annotations[" + i + "]";
      checkSingleCategory(job, a, path, problems);
      JsonNode vertices = a.path("boundingPoly").path(0).path("normalizedVertices");
      if (!vertices.isArray() || vertices.size() < 2) {
        problems.add(path + ".boundingPoly[0].normalizedVertices: needs at least two points");
        continue;
      }
      for (JsonNode v : vertices) {
        double x = v.path("x").asDouble(-1);
        double y = v.path("y").asDouble(-1);
        if (x < 0 || x > 1 || y < 0 || y > 1) {
          problems.add(path + ": vertex (" + v.path("x") + ", " + v.path("y") + ") is outside [0, 1]");
          break;
        }
      }
    }
  }

  private static void checkSingleCategory(Job job, JsonNode annotation, String path, List<String> problems) {
    JsonNode categories = annotation.path("categories");
    if (!categories.isArray() || categories.size() != 1) {
      problems.add(path + ".categories: must hold exactly one category");
    } else {
      checkCategory(job, categories.get(0), path + ".categories[0]", problems);
    }
  }

  private static void checkCategory(Job job, JsonNode category, String path, List<String> problems) {
    String name = category.path("name").asText("");
    if (!job.hasCategory(name)) {
      problems.add(path + ": unknown category '" + name + "' (job " + job.id() + " has " + job.categories().keySet() + ")");
    }
    JsonNode confidence = category.get("confidence");
    if (confidence != null && (!confidence.isNumber() || confidence.asDouble() < 0 || confidence.asDouble() > 100)) {
      problems.add(path + ".confidence: must be a number in [0, 100]");
    }
  }
}
