package org.labelloop.core.project;

import java.util.List;
import java.util.Objects;

/** One category of a job: its id (the key used in labels), display name, colour and child job ids. */
public record Category(String id, String name, String color, List<String> children) {
  public Category {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isBlank() ? id : name;
    children = children == null ? List.of() : List.copyOf(children);
  }
}
