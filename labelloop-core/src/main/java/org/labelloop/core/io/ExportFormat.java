package org.labelloop.core.io;

import java.util.Locale;
import org.labelloop.core.error.LabelloopException;

/** Formats a project is exported to. */
public enum ExportFormat {
  /** One asset per line with all its labels in Kili's shape. */
  JSONL,
  /** One asset per row, one column per job holding the chosen human answer. */
  CSV,
  /** The OBJECT_DETECTION job's labeled images as one COCO instances JSON (pixel boxes). */
  COCO,
  /** The OBJECT_DETECTION job's labeled images as a zip of YOLO label files and classes.txt. */
  YOLO,
  /** The labeled sentences of the NER job as CoNLL-2003 columns (IOB1). */
  CONLL,
  /** Token TAB tag per line (IOB2). */
  BIO,
  /** Prodigy JSONL with tokens and spans. */
  PRODIGY,
  /** spaCy-style JSON array of {@code text} + {@code spans}. */
  SPACY,
  /** Label Studio JSON (importable as pre-annotated tasks). */
  LABELSTUDIO;

  /** Whether this format holds only the NER job's labeled sentences (written by labelloop-learn). */
  public boolean ner() {
    return ordinal() >= CONLL.ordinal();
  }

  /** Whether this format holds the OBJECT_DETECTION job's boxes. */
  public boolean boxes() {
    return this == COCO || this == YOLO;
  }

  public static ExportFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw LabelloopException.invalid("format: '" + value + "' is not one of jsonl, csv, coco, yolo, conll, bio, prodigy, spacy, labelstudio");
    }
  }

  public String contentType() {
    return switch (this) {
      case JSONL, PRODIGY -> "application/x-ndjson; charset=utf-8";
      case CSV -> "text/csv; charset=utf-8";
      case CONLL, BIO -> "text/plain; charset=utf-8";
      case SPACY, LABELSTUDIO, COCO -> "application/json; charset=utf-8";
      case YOLO -> "application/zip";
    };
  }

  /** The usual file name extension. */
  public String fileExtension() {
    return switch (this) {
      case JSONL, PRODIGY -> "jsonl";
      case CSV -> "csv";
      case CONLL -> "conll";
      case BIO -> "bio";
      case SPACY, LABELSTUDIO, COCO -> "json";
      case YOLO -> "zip";
    };
  }
}
