package org.labelloop.core.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.labelloop.core.error.LabelloopException;

/**
 * The id, text and label columns of an import, chosen by the caller or found by their usual names. A table row has no
 * text column (the whole row is the content), and its label column may be the one the project's schema names.
 */
record Columns(String id, String text, String label) {
  static Columns resolve(List<String> header, ImportOptions options, boolean tableRow, String schemaLabel) {
    String id = pick(header, options.idColumn(), "idColumn", "externalId", "id");
    String text = tableRow ? null : pick(header, options.textColumn(), "textColumn", "content", "text");
    String label = schemaLabel != null && header.contains(schemaLabel) && options.labelColumn() == null ? schemaLabel
        : pick(header, options.labelColumn(), "labelColumn", "label");
    if (text == null && !tableRow) {
      throw LabelloopException.invalid(
          "textColumn: the file has no 'text' or 'content' column; choose one of " + Messages.printable(header.toString()));
    }
    return new Columns(id, text, label);
  }

  /** The chosen column (which must exist), else the first default name present, else null. */
  private static String pick(List<String> header, String chosen, String option, String... defaults) {
    if (chosen != null && !chosen.isBlank()) {
      if (!header.contains(chosen)) {
        throw LabelloopException.invalid(option + ": column '" + Messages.printable(chosen) + "' is not in the file; its columns are "
            + Messages.printable(header.toString()));
      }
      return chosen;
    }
    for (String name : defaults) {
      if (header.contains(name)) {
        return name;
      }
    }
    return null;
  }

  /** A stable id for a row that has none: the first 16 hex digits of the SHA-256 of its content. */
  static String contentId(String content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
