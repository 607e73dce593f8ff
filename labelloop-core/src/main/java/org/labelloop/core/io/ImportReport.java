package org.labelloop.core.io;

import java.util.List;

/**
 * What an import did: rows imported, rows whose externalId already existed, rows rejected, the first errors (at most
 * {@link #MAX_ERRORS}) and whether anything was written.
 */
public record ImportReport(long imported, long duplicates, long rejected, List<RowError> errors, boolean committed) {
  public static final int MAX_ERRORS = 100;

  public ImportReport {
    errors = List.copyOf(errors);
  }
}
