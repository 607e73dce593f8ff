package org.labelloop.app.learn;

import java.nio.file.Path;
import org.labelloop.learn.data.TextDataset;
import picocli.CommandLine.Option;

/** Input options shared by {@code simulate}, {@code automl} and {@code find-label-errors}. */
public final class DataOptions {
  @Option(names = "--data", required = true, description = "Labeled data file (UTF-8).")
  Path data;

  @Option(names = "--format", required = true, description = "csv (RFC 4180, header row), tsv or jsonl.")
  String format;

  @Option(names = "--text",
      description = "Text column: header name, JSON field, or 1-based column number (e.g. --text 2).")
  String text;

  @Option(names = "--file", paramLabel = "COLUMN",
      description = "--task image or audio: the column naming each file, absolute or relative to the data file.")
  String file;

  @Option(names = "--label", description = "Label column: header name, JSON field or 1-based number.")
  String label;

  @Option(names = "--no-header", description = "The csv/tsv file has no header row (columns by number). "
      + "Column numbers with a tsv file imply --no-header, as for the SMS spam collection (label<TAB>text).")
  boolean noHeader;

  /** The {@code --data} file. */
  public Path data() {
    return data;
  }

  /** The {@code --format} and {@code --label} options, for the commands that read a table themselves. */
  public String format() {
    return format;
  }

  public String label() {
    return label;
  }

  public TextDataset read(Path file) {
    if (text == null || label == null) {
      throw new UserError("--text and --label are required for text classification");
    }
    boolean numbered = text.matches("\\d+") && label.matches("\\d+");
    boolean nh = noHeader || (numbered && format.equalsIgnoreCase("tsv"));
    return TableReader.read(file, format, text, label, nh);
  }
}
