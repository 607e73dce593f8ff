package org.labelloop.core.project;

import java.util.Objects;
import org.labelloop.core.error.LabelloopException;

/** What a caller gives to create a project. */
public record ProjectDraft(String title, String description, InputType inputType, JsonInterface jsonInterface) {
  public ProjectDraft {
    checkTitle(title);
    description = description == null ? "" : description;
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(jsonInterface, "jsonInterface");
    inputType.check(jsonInterface);
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
