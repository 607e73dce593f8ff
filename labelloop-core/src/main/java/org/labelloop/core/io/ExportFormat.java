package org.labelloop.core.io;

import java.util.Locale;
import org.labelloop.core.error.LabelloopException;

/** Formats a project is exported to. */
public enum ExportFormat {
  /** One asset per line with all its labels in Kili's shape. */
  JSONL,
  /** One asset per row, one column per job holding the chosen human answer. */
  CSV;

  public static ExportFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw LabelloopException.invalid("format: '" + value + "' is not one of jsonl, csv");
    }
  }

  public String contentType() {
    return this == JSONL ? "application/x-ndjson; charset=utf-8" : "text/csv; charset=utf-8";
  }
}
