package org.labelloop.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.core.error.LabelloopException;

/**
 * A project's labeling interface in Kili's shape: {@code {"jobs": {JOB_ID: {"mlTask", "instruction", "required",
 * "content": {"categories": {ID: {"name", "color", "children"}}, "input": "radio"|"checkbox"}}}}}. Parsing validates
 * the whole document and reports every problem with its JSON path.
 */
public record JsonInterface(JsonNode json, Map<String, Job> jobs) {
  private static final List<String> COLORS =
      List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f");

  public JsonInterface {
    jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
  }

  public static JsonInterface parse(JsonNode json) {
    List<String> problems = new ArrayList<>();
    Map<String, Job> jobs = new LinkedHashMap<>();
    JsonNode jobsNode = json == null ? null : json.get("jobs");
    if (jobsNode == null || !jobsNode.isObject() || jobsNode.isEmpty()) {
      problems.add("jobs: must be an object with at least one job");
    } else {
      jobsNode.fields().forEachRemaining(e -> parseJob(e.getKey(), e.getValue(), problems).ifPresent(j -> jobs.put(j.id(), j)));
    }
    if (!problems.isEmpty()) {
      throw LabelloopException.invalid("Invalid jsonInterface: " + problems.getFirst(), problems);
    }
    return new JsonInterface(json, jobs);
  }

  public Job job(String jobId) {
    return jobs.get(jobId);
  }

  /** The first job of this task, in the interface's order. */
  public java.util.Optional<Job> firstJob(MlTask task) {
    return jobs.values().stream().filter(j -> j.mlTask() == task).findFirst();
  }

  private static java.util.Optional<Job> parseJob(String id, JsonNode node, List<String> problems) {
    String path = "jobs." + id;
    if (!node.isObject()) {
      problems.add(path + ": must be an object");
      return java.util.Optional.empty();
    }
    MlTask task = null;
    String taskName = node.path("mlTask").asText("");
    try {
      task = MlTask.valueOf(taskName);
    } catch (IllegalArgumentException e) {
      problems.add(path + ".mlTask: '" + taskName + "' is not one of " + Arrays.toString(MlTask.values()));
    }
    JsonNode content = node.path("content");
    String input = content.path("input").asText("radio");
    if (!input.equals("radio") && !input.equals("checkbox") && !input.equals("singleDropdown") && !input.equals("multipleDropdown")) {
      problems.add(path + ".content.input: '" + input + "' is not one of [radio, checkbox]");
    }
    Map<String, Category> categories = new LinkedHashMap<>();
    JsonNode cats = content.path("categories");
    if (!cats.isObject() || cats.isEmpty()) {
      problems.add(path + ".content.categories: must be an object with at least one category");
    } else {
      int i = 0;
      for (var it = cats.fields(); it.hasNext(); i++) {
        var c = it.next();
        if (!c.getValue().isObject()) {
          problems.add(path + ".content.categories." + c.getKey() + ": must be an object");
          continue;
        }
        List<String> children = new ArrayList<>();
        c.getValue().path("children").forEach(ch -> children.add(ch.asText()));
        String color = c.getValue().path("color").asText(COLORS.get(i % COLORS.size()));
        categories.put(c.getKey(), new Category(c.getKey(), c.getValue().path("name").asText(c.getKey()), color, children));
      }
    }
    if (task == null || categories.isEmpty()) {
      return java.util.Optional.empty();
    }
    boolean required = node.path("required").asBoolean(node.path("required").asInt(0) != 0);
    boolean multiple = input.equals("checkbox") || input.equals("multipleDropdown");
    return java.util.Optional.of(new Job(id, task, node.path("instruction").asText(""), required, multiple, categories));
  }
}
