package org.labelloop.core.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import org.labelloop.core.asset.AssetDraft;

/**
 * A plain text file, one text per line, as Label Studio imports a .txt: blank lines are passed over and each text's id
 * is derived from its content, so importing the file again adds nothing twice.
 */
final class TextLines implements RowSource {
  private final BoundedLines lines;
  private final int maxChars;
  private boolean done;

  TextLines(Reader reader, ImportLimits limits) {
    this.maxChars = limits.maxCellChars();
    this.lines = new BoundedLines(reader, maxChars);
  }

  @Override
  public ParsedRow next() {
    if (done) {
      return null;
    }
    try {
      String line = lines.nextNonBlank();
      if (line == null) {
        done = true;
        return null;
      }
      if (line == BoundedLines.TOO_LONG) {
        return ParsedRow.failed(lines.lineNumber(), "the line is longer than the limit of " + maxChars + " characters");
      }
      return ParsedRow.ok(lines.lineNumber(), new AssetDraft(Columns.contentId(line), line, null, 0, false, null));
    } catch (IOException | UncheckedIOException e) {
      done = true;
      return ParsedRow.failed(Messages.lineOf(e, lines.lineNumber() + 1), Messages.rootMessage(e));
    }
  }
}
