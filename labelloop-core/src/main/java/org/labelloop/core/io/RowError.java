package org.labelloop.core.io;

/** A rejected row of an import: the line of the file (or the item's position in a JSON array) and why. */
public record RowError(long line, String message) {
  @Override
  public String toString() {
    return "line " + line + ": " + message;
  }
}
