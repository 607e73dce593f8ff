package org.labelloop.core.io;

import java.util.Objects;

/**
 * How to read an import file. Null columns fall back to the usual names: {@code externalId}/{@code id} for the id,
 * {@code content}/{@code text} for the text, {@code label} for an optional category. Without {@code skipErrors} an
 * import is all or nothing. A row whose externalId is already in the project is skipped and counted as a duplicate,
 * or, with {@code updateDuplicates}, replaces that asset's content and metadata. {@code fileName} (may be null) names
 * NER sentences that have no id of their own. {@code labelsFromFolders}: a zip's file in a folder named like a category
 * of the classification job is labeled with it (the class-folder layout, {@code train/ants/1.jpg}).
 */
public record ImportOptions(ImportFormat format, String idColumn, String textColumn, String labelColumn, boolean skipErrors,
    boolean updateDuplicates, String fileName, boolean labelsFromFolders) {
  public ImportOptions {
    Objects.requireNonNull(format, "format");
  }

  /** Skips duplicates; no file name. */
  public ImportOptions(ImportFormat format, String idColumn, String textColumn, String labelColumn, boolean skipErrors) {
    this(format, idColumn, textColumn, labelColumn, skipErrors, false, null, false);
  }
}
