package org.labelloop.core.project;

import java.time.Instant;
import java.util.Objects;

/**
 * A labeling project. {@code instructions}: what its labelers read before and while they label (plain text, empty for
 * none).
 */
public record Project(
    String id,
    String title,
    String description,
    String instructions,
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
    instructions = ProjectDraft.checkInstructions(instructions);
  }
}
