package org.labelloop.core.io;

/**
 * Caps on what one import may hold, so that one huge row can neither exhaust the server's memory nor reach a
 * labeler's browser or the trainer: a row over a cap is rejected with its line number.
 *
 * @param maxCellChars characters in one value: a CSV cell, a JSON string, an asset's text
 * @param maxRowChars characters in one row: a CSV record, a JSON Lines line, one object of a JSON array
 * @param maxFileBytes bytes in one CSV, TSV, JSON Lines or JSON file (Label Studio, Prodigy and Kili files too)
 * @param maxNerFileBytes bytes in one NER file (CoNLL, BIO, spaCy), which is read whole
 * @param maxImageSide pixels on either side of an image
 * @param maxImagePixels pixels in an image (width times height)
 * @param zip caps on a zip of media files
 */
public record ImportLimits(
    int maxCellChars, int maxRowChars, long maxFileBytes, long maxNerFileBytes, int maxImageSide, long maxImagePixels,
    ZipLimits zip) {
  /** 1 M characters a cell, 4 M a row, 4 GiB a file (64 MiB an NER file), images up to 65,535 px a side and 268 Mpx. */
  public static final ImportLimits DEFAULT =
      new ImportLimits(1_000_000, 4_000_000, 4L << 30, 64L << 20, 65_535, 1L << 28, ZipLimits.DEFAULT);

  public ImportLimits {
    if (maxCellChars <= 0 || maxRowChars < maxCellChars || maxFileBytes <= 0 || maxNerFileBytes <= 0
        || maxImageSide <= 0 || maxImagePixels <= 0 || zip == null) {
      throw new IllegalArgumentException("import limits must be positive, and a row at least as long as a cell");
    }
  }

  /** These limits with other caps for a cell, a row and a file (null keeps the current one). */
  public ImportLimits with(Integer cellChars, Integer rowChars, Long fileBytes) {
    int cell = cellChars != null ? cellChars : maxCellChars;
    return new ImportLimits(cell, rowChars != null ? rowChars : Math.max(cell, maxRowChars),
        fileBytes != null ? fileBytes : maxFileBytes, maxNerFileBytes, maxImageSide, maxImagePixels, zip);
  }

  /** Why a value is over the cell cap, or null. */
  String cellProblem(String column, String value) {
    return value != null && value.length() > maxCellChars
        ? "'" + column + "' has " + value.length() + " characters, more than the limit of " + maxCellChars
        : null;
  }
}
