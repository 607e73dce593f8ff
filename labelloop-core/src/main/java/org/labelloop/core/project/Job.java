package org.labelloop.core.project;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

  /** The category a file's label names: by id, else by id or display name ignoring case. */
  public Optional<Category> categoryNamed(String label) {
    Category exact = categories.get(label);
    if (exact != null) {
      return Optional.of(exact);
    }
    String wanted = label.toLowerCase(Locale.ROOT);
    return categories.values().stream()
        .filter(c -> c.id().toLowerCase(Locale.ROOT).equals(wanted) || c.name().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }
}
