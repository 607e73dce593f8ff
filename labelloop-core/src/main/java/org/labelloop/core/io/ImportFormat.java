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
  ZIP,
  /** A zip of images and one COCO instances JSON: the boxes become the OBJECT_DETECTION job's labels. */
  COCO,
  /** A zip of images, a YOLO label .txt per image and the class names (classes.txt or data.yaml). */
  YOLO,
  /** CoNLL-2003 columns, IOB1 or IOB2 (sentences become assets, their entities the NER job's labels). */
  CONLL,
  /** Token TAB tag per line, IOB2. */
  BIO,
  /** Prodigy JSONL: spans and accepted categories ({@code accept}, or an accepted {@code label}) of texts. */
  PRODIGY,
  /** spaCy-style JSON ({@code text} with {@code spans} or {@code ents}). */
  SPACY,
  /**
   * Label Studio JSON tasks with their annotations (choices, labels, rectangle labels); for images and audio, in a zip
   * with the files they name, or naming URLs.
   */
  LABELSTUDIO,
  /**
   * Kili assets with their labels (JSON array, JSON Lines, or CSV with JSON cells: externalId, content, jsonMetadata,
   * jsonResponse); for images and audio, in a zip with the files they name, or naming URLs.
   */
  KILI,
  /** A zip of images and a Pascal VOC .xml per image: the boxes become the OBJECT_DETECTION job's labels. */
  VOC,
  /** Plain text, one text per line (Label Studio's .txt import), for TEXT projects. */
  TXT,
  /** doccano JSON Lines: {@code text} with {@code label} (category names, or [start, end, label] spans), or cats and entities. */
  DOCCANO;

  /** What to do with a spreadsheet workbook, which no format here reads. */
  static final String WORKBOOK = "for a spreadsheet workbook (.xlsx, .xls, .ods), save the sheet as CSV UTF-8 and import that";


  /** Whether this is an NER file format (read whole by labelloop-learn into sentences with spans). */
  public boolean ner() {
    return this == CONLL || this == BIO || this == SPACY;
  }

  /** Whether this is a zip of images with their bounding boxes. */
  public boolean boxes() {
    return this == COCO || this == YOLO || this == VOC;
  }

  /** The format's name in labelloop-learn's {@code NerFormats}. */
  String nerName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format a file name's extension names; CSV when it names none; a workbook's is refused, saying what to do. */
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
    if (name.endsWith(".conll") || name.endsWith(".conll03")) {
      return CONLL;
    }
    if (name.endsWith(".bio") || name.endsWith(".iob")) {
      return BIO;
    }
    if (name.endsWith(".txt")) {
      return TXT;
    }
    if (name.endsWith(".xlsx") || name.endsWith(".xls") || name.endsWith(".ods")) {
      throw LabelloopException.invalid("'" + Messages.printable(fileName) + "' is not read: " + WORKBOOK);
    }
    return CSV;
  }

  public static ImportFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw LabelloopException.invalid("format: '" + value + "' is not one of "
          + java.util.Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
    }
  }
}
