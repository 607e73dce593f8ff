package org.labelloop.core.project;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One job of a project's interface: a task with its categories. {@code multiple} is Kili's "checkbox" input. */
public record Job(
    String id,
    MlTask mlTask,
    String instruction,
    boolean required,
    boolean multiple,
    Map<String, Category> categories) {
  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mlTask, "mlTask");
    instruction = instruction == null ? "" : instruction;
    categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
  }

  public boolean hasCategory(String categoryId) {
    return categories.containsKey(categoryId);
  }
}
