package org.labelloop.core.io;

import java.util.Locale;
import org.labelloop.core.error.LabelloopException;

/** Formats a project is exported to. */
public enum ExportFormat {
  /** One asset per line with all its labels in Kili's shape (imports again as kili). */
  JSONL,
  /** One asset per row, one column per job holding the chosen human answer, and the whole answer as Kili jsonResponse (a Kili CSV). */
  CSV,
  /** The OBJECT_DETECTION job's labeled images as one COCO instances JSON (pixel boxes). */
  COCO,
  /** The OBJECT_DETECTION job's labeled images as a zip of YOLO label files and classes.txt. */
  YOLO,
  /** The OBJECT_DETECTION job's labeled images as a zip of Pascal VOC .xml files, one per image. */
  VOC,
  /** The labeled sentences of the NER job as CoNLL-2003 columns (IOB1). */
  CONLL,
  /** Token TAB tag per line (IOB2). */
  BIO,
  /** Prodigy JSONL of the labeled texts: tokens and spans of the NER job, options and accepted categories of a classification job. */
  PRODIGY,
  /** spaCy-style JSON array of {@code text} + {@code spans}. */
  SPACY,
  /** Label Studio JSON tasks with every job's answer as an annotation and the newest model's as a prediction. */
  LABELSTUDIO,
  /** doccano JSONL of the texts: category ids and/or [start, end, id] spans (see DoccanoExport). */
  DOCCANO;

  /** Whether this format holds only the NER job's labeled sentences (written by labelloop-learn). */
  public boolean ner() {
    return this == CONLL || this == BIO || this == SPACY;
  }

  /** Whether this format holds the OBJECT_DETECTION job's boxes. */
  public boolean boxes() {
    return this == COCO || this == YOLO || this == VOC;
  }

  public static ExportFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw LabelloopException.invalid("format: '" + value + "' is not one of "
          + java.util.Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
    }
  }

  public String contentType() {
    return switch (this) {
      case JSONL, PRODIGY, DOCCANO -> "application/x-ndjson; charset=utf-8";
      case CSV -> "text/csv; charset=utf-8";
      case CONLL, BIO -> "text/plain; charset=utf-8";
      case SPACY, LABELSTUDIO, COCO -> "application/json; charset=utf-8";
      case YOLO, VOC -> "application/zip";
    };
  }

  /** The usual file name extension. */
  public String fileExtension() {
    return switch (this) {
      case JSONL, PRODIGY, DOCCANO -> "jsonl";
      case CSV -> "csv";
      case CONLL -> "conll";
      case BIO -> "bio";
      case SPACY, LABELSTUDIO, COCO -> "json";
      case YOLO, VOC -> "zip";
    };
  }
}
