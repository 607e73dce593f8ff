package org.labelloop.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.InputType;

/**
 * Streams the rows of an import; {@link #next()} returns null at the end. A source never loads a whole file (NER
 * files, capped by {@link ImportLimits#maxNerFileBytes()}, excepted), and every call to {@link #next()} either reads
 * on or ends the source: an error it cannot step over is returned as the last row, never again and again.
 */
interface RowSource extends Closeable {
  ParsedRow next();

  @Override
  default void close() throws IOException {}

  static RowSource open(InputStream in, ImportOptions options, InputType inputType, ImportLimits limits) {
    Reader reader = new Utf8Reader(in, limits.maxFileBytes());
    return switch (options.format()) {
      case CSV -> new CsvRowSource(reader, ',', options, inputType, limits);
      case TSV -> new CsvRowSource(reader, '\t', options, inputType, limits);
      case JSONL -> JsonRowSource.lines(reader, options, limits);
      case JSON -> JsonRowSource.array(reader, options, limits);
      case TXT -> {
        if (inputType != InputType.TEXT) {
          throw LabelloopException.invalid("format txt: one text per line, for TEXT projects (this project's assets are " + inputType + ")");
        }
        yield new TextLines(reader, limits);
      }
      case ZIP, COCO, YOLO, VOC -> throw new IllegalArgumentException("a zip is read by ZipRowSource, with a file store");
      case CONLL, BIO, SPACY -> throw new IllegalArgumentException("NER files are read by NerRowSource, for a job");
      case PRODIGY, LABELSTUDIO, KILI, DOCCANO -> throw new IllegalArgumentException("annotated records are read by ImportRecords, for a project");
    };
  }

  /** A TABULAR project's rows from CSV, TSV, JSON Lines or a JSON array; {@code schemaLabel}: see {@link Columns}. */
  static RowSource table(InputStream in, ImportOptions options, ImportLimits limits, String schemaLabel) {
    Reader reader = new Utf8Reader(in, limits.maxFileBytes());
    return switch (options.format()) {
      case CSV -> CsvRowSource.table(reader, ',', options, limits, schemaLabel);
      case TSV -> CsvRowSource.table(reader, '\t', options, limits, schemaLabel);
      case JSONL -> JsonRowSource.table(reader, options, limits, false, schemaLabel);
      case JSON -> JsonRowSource.table(reader, options, limits, true, schemaLabel);
      default -> open(in, options, InputType.TABULAR, limits);
    };
  }

  /** Rows given in memory (a JSON request body already parsed); line = position, from 1. */
  static RowSource of(List<AssetDraft> drafts) {
    Iterator<AssetDraft> it = drafts.iterator();
    long[] line = {0};
    return () -> it.hasNext() ? ParsedRow.ok(++line[0], it.next()) : null;
  }
}
