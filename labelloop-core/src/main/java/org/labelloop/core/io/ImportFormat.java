package org.labelloop.core.io;

import java.util.Locale;
import org.labelloop.core.error.LabelloopException;

/** File formats assets are imported from. */
public enum ImportFormat {
  CSV,
  TSV,
  JSONL,
  JSON,
  /** A zip of image or audio files (with an optional manifest), for IMAGE and AUDIO projects. */
  ZIP;

  /** The format a file name's extension names; CSV when it names none. */
  public static ImportFormat fromFileName(String fileName) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".tsv") || name.endsWith(".tab")) {
      return TSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return JSONL;
    }
    if (name.endsWith(".json")) {
      return JSON;
    }
    if (name.endsWith(".zip")) {
      return ZIP;
    }
    return CSV;
  }

  public static ImportFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw LabelloopException.invalid("format: '" + value + "' is not one of csv, tsv, jsonl, json, zip");
    }
  }
}
