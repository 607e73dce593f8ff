package org.labelloop.core.project;

import java.util.Objects;
import org.labelloop.core.error.LabelloopException;

/** What a caller gives to create a project. */
public record ProjectDraft(String title, String description, String instructions, InputType inputType, JsonInterface jsonInterface) {
  static final int MAX_INSTRUCTIONS = 20_000;

  public ProjectDraft {
    checkTitle(title);
    description = description == null ? "" : description;
    instructions = checkInstructions(instructions);
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(jsonInterface, "jsonInterface");
    inputType.check(jsonInterface);
  }

  /** A project without instructions for its labelers. */
  public ProjectDraft(String title, String description, InputType inputType, JsonInterface jsonInterface) {
    this(title, description, "", inputType, jsonInterface);
  }

  /** The instructions as stored: none is empty; more than {@link #MAX_INSTRUCTIONS} characters are refused. */
  static String checkInstructions(String instructions) {
    if (instructions == null) return "";
    if (instructions.length() > MAX_INSTRUCTIONS) {
      throw LabelloopException.invalid("instructions: at most " + MAX_INSTRUCTIONS + " characters (link a longer guide)");
    }
    return instructions;
  }

  static void checkTitle(String title) {
    if (title == null || title.isBlank()) {
      throw LabelloopException.invalid("title: must not be empty");
    }
    if (title.length() > 200) {
      throw LabelloopException.invalid("title: at most 200 characters");
    }
  }
}
