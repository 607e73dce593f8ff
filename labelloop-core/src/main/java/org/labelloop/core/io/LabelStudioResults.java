package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.learning.EntitySpans;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.quality.Agreement;
import org.labelloop.learn.model.Confidence;
import org.labelloop.learn.ner.Span;

/**
 * One task's answer both ways: Label Studio {@code result} regions (choices, labels spans with start/end, rectangles
 * in percent of the image) and Kili's jsonResponse (categories, NER annotations with beginOffset/content, rectangles
 * with normalized vertices). The region's {@code from_name} is the job id.
 */
public final class LabelStudioResults {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private LabelStudioResults() {}

  /** The object tag's name for this input type, which is also the key of the asset in a Label Studio task's {@code data}. */
  public static String dataKey(InputType type) {
    return switch (type) {
      case IMAGE -> "image";
      case AUDIO -> "audio";
      case TEXT, TABULAR -> "text";
    };
  }

  /** The Label Studio control tag (and region type) of a job's task, or null for none. */
  public static String tag(MlTask task) {
    return switch (task) {
      case CLASSIFICATION -> "Choices";
      case NAMED_ENTITIES_RECOGNITION -> "Labels";
      case OBJECT_DETECTION -> "RectangleLabels";
    };
  }

  public static ArrayNode toResults(JsonInterface iface, InputType type, JsonNode jsonResponse, String text) {
    ArrayNode results = JSON.arrayNode();
    String toName = dataKey(type);
    for (Job job : iface.jobs().values()) {
      JsonNode answer = jsonResponse.get(job.id());
      if (answer == null || answer.isNull()) continue;
      switch (job.mlTask()) {
        case CLASSIFICATION -> {
          ArrayNode choices = JSON.arrayNode();
          answer.path("categories").forEach(c -> choices.add(c.path("name").asText()));
          if (!choices.isEmpty()) region(results, job, toName, "choices").set("value", JSON.objectNode().set("choices", choices));
        }
        case NAMED_ENTITIES_RECOGNITION -> {
          for (Span s : EntitySpans.of(answer, text == null ? 0 : text.length())) {
            ObjectNode value = region(results, job, toName, "labels").putObject("value");
            value.put("start", s.begin()).put("end", s.end()).put("text", s.content(text));
            value.putArray("labels").add(s.label());
          }
        }
        case OBJECT_DETECTION -> {
          for (Agreement.Box b : Agreement.boxes(answer)) {
            ObjectNode value = region(results, job, toName, "rectanglelabels").putObject("value");
            value.put("x", 100 * b.minX()).put("y", 100 * b.minY()).put("width", 100 * (b.maxX() - b.minX()))
                .put("height", 100 * (b.maxY() - b.minY())).put("rotation", 0);
            value.putArray("rectanglelabels").add(b.category());
          }
        }
      }
    }
    return results;
  }

  /**
   * Kili's jsonResponse for Label Studio regions; a region naming an unknown job or category is an INVALID_INPUT. A
   * region's {@code from_name} names its job; a name that is not a job of this project (a Label Studio project's own
   * tag name, such as "label" or "sentiment") stands for the project's only job of the region's kind.
   */
  public static ObjectNode toJsonResponse(JsonInterface iface, JsonNode results, String text) {
    return toJsonResponse(iface, results, text, null);
  }

  /**
   * As above, for a model's regions: each category gets a {@code confidence} (0..100) from its region's
   * {@code score}, else from {@code score}, the prediction's, when given.
   */
  public static ObjectNode toJsonResponse(JsonInterface iface, JsonNode results, String text, Double score) {
    ObjectNode response = JSON.objectNode();
    List<String> problems = new ArrayList<>();
    for (JsonNode r : results) {
      String from = r.path("from_name").asText();
      String type = r.path("type").asText();
      Job job = job(iface, from, type);
      if (job == null) {
        problems.add("result '" + from + "' (" + type + "): the project has no such job (its jobs: " + iface.jobs().keySet() + ")");
        continue;
      }
      JsonNode value = r.path("value");
      Double confidence = r.hasNonNull("score") ? Double.valueOf(r.get("score").asDouble()) : score;
      ObjectNode answer = response.has(job.id()) ? (ObjectNode) response.get(job.id()) : response.putObject(job.id());
      switch (job.mlTask()) {
        case CLASSIFICATION -> value.path("choices").forEach(c -> category(job, c.asText(), problems)
            .ifPresent(id -> confident(array(answer, "categories").addObject().put("name", id), confidence)));
        case NAMED_ENTITIES_RECOGNITION -> {
          int start = value.path("start").asInt(-1), end = value.path("end").asInt(-1);
          if (text == null || start < 0 || end <= start || end > text.length()) {
            problems.add("result '" + from + "': span [" + start + ", " + end + ") is outside the text");
            continue;
          }
          category(job, value.path("labels").path(0).asText(), problems).ifPresent(id -> {
            ObjectNode a = array(answer, "annotations").addObject();
            confident(a.putArray("categories").addObject().put("name", id), confidence);
            a.put("beginOffset", start).put("content", text.substring(start, end));
          });
        }
        case OBJECT_DETECTION -> category(job, value.path("rectanglelabels").path(0).asText(), problems).ifPresent(id -> {
          double minX = value.path("x").asDouble() / 100, minY = value.path("y").asDouble() / 100;
          double maxX = minX + value.path("width").asDouble() / 100, maxY = minY + value.path("height").asDouble() / 100;
          confident(BoxAnswers.rectangle(array(answer, "annotations"), id, minX, minY, maxX, maxY), confidence);
        });
      }
    }
    if (!problems.isEmpty()) throw LabelloopException.invalid("annotation: " + problems.getFirst(), problems);
    return response;
  }

  /**
   * The model's confidence in its answer, 0..1 (null without one): over jobs, the mean of a classification's top
   * category and of an entity job's least confident span, so that sorting by score ascending serves the most
   * uncertain tasks first.
   */
  public static Double score(JsonNode jsonResponse) {
    double sum = 0;
    int n = 0;
    for (JsonNode answer : jsonResponse) {
      double top = -1;
      for (JsonNode c : answer.path("categories")) top = Math.max(top, c.path("confidence").asDouble(-1));
      double weakest = Double.MAX_VALUE;
      for (JsonNode a : answer.path("annotations")) {
        double c = a.path("categories").path(0).path("confidence").asDouble(-1);
        if (c >= 0) weakest = Math.min(weakest, c);
      }
      if (weakest != Double.MAX_VALUE) top = weakest;
      if (top >= 0) {
        sum += top / 100;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  /** The job a region answers: the one its {@code from_name} names, else the only job of its type; null for none. */
  static Job job(JsonInterface iface, String from, String type) {
    Job named = iface.jobs().get(from);
    if (named != null) {
      return type.equalsIgnoreCase(tag(named.mlTask())) ? named : null;
    }
    List<Job> ofKind = iface.jobs().values().stream().filter(j -> type.equalsIgnoreCase(tag(j.mlTask()))).toList();
    return ofKind.size() == 1 ? ofKind.getFirst() : null;
  }

  private static java.util.Optional<String> category(Job job, String stored, List<String> problems) {
    var found = job.categoryNamed(stored).map(Category::id);
    if (found.isEmpty()) problems.add("'" + stored + "' is not a category of job " + job.id() + " " + job.categories().keySet());
    return found;
  }

  private static void confident(ObjectNode category, Double score) {
    if (score != null) category.put("confidence", Confidence.percent(score));
  }

  private static ArrayNode array(ObjectNode answer, String field) {
    return answer.has(field) ? (ArrayNode) answer.get(field) : answer.putArray(field);
  }

  private static ObjectNode region(ArrayNode results, Job job, String toName, String type) {
    return results.addObject().put("from_name", job.id()).put("to_name", toName).put("type", type);
  }
}
