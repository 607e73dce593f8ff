package org.labelloop.learn.tabular;

import java.util.Objects;

/** One column of a table's schema. */
public record Column(String name, ColumnType type, ColumnRole role) implements java.io.Serializable {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(role, "role");
  }

  public Column withType(ColumnType t) { return new Column(name, t, role); }

  public Column withRole(ColumnRole r) { return new Column(name, type, r); }
}
