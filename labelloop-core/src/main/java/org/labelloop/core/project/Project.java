package org.labelloop.core.project;

import java.time.Instant;
import java.util.Objects;

/** A labeling project. {@code settings} holds per-project options (learning, quality) as JSON text. */
public record Project(
    String id,
    String title,
    String description,
    InputType inputType,
    JsonInterface jsonInterface,
    Instant createdAt,
    Instant updatedAt) {
  public Project {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(jsonInterface, "jsonInterface");
    ProjectDraft.checkTitle(title);
    description = description == null ? "" : description;
  }
}
