package org.labelloop.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.project.InputType;

/** Streams the rows of an import; {@link #next()} returns null at the end. A source never loads a whole file. */
interface RowSource extends Closeable {
  ParsedRow next();

  @Override
  default void close() throws IOException {}

  static RowSource open(InputStream in, ImportOptions options, InputType inputType) {
    Reader reader = strictUtf8(in);
    return switch (options.format()) {
      case CSV -> new CsvRowSource(reader, ',', options, inputType);
      case TSV -> new CsvRowSource(reader, '\t', options, inputType);
      case JSONL -> JsonRowSource.lines(reader, options);
      case JSON -> JsonRowSource.array(reader, options);
      case ZIP, COCO, YOLO -> throw new IllegalArgumentException("a zip is read by ZipRowSource, with a file store");
      case CONLL, BIO, PRODIGY, SPACY, LABELSTUDIO -> throw new IllegalArgumentException("NER files are read by NerRowSource, for a job");
    };
  }

  /** Rows given in memory (a JSON request body already parsed); line = position, from 1. */
  static RowSource of(List<AssetDraft> drafts) {
    Iterator<AssetDraft> it = drafts.iterator();
    long[] line = {0};
    return () -> it.hasNext() ? ParsedRow.ok(++line[0], it.next()) : null;
  }

  /** A reader that fails on bytes that are not UTF-8 instead of silently replacing them. */
  static Reader strictUtf8(InputStream in) {
    var decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new java.io.BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
  }
}
