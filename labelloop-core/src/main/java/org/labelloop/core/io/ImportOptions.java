package org.labelloop.core.io;

import java.util.Objects;

/**
 * How to read an import file. Null columns fall back to the usual names: {@code externalId}/{@code id} for the id,
 * {@code content}/{@code text} for the text, {@code label} for an optional category. Without {@code skipErrors} an
 * import is all or nothing.
 */
public record ImportOptions(ImportFormat format, String idColumn, String textColumn, String labelColumn, boolean skipErrors) {
  public ImportOptions {
    Objects.requireNonNull(format, "format");
  }
}
