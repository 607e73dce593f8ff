package org.labelloop.core.io;

import java.util.List;

/**
 * What an import did: assets added, rows whose externalId was already in the project (or earlier in the file) and so
 * were skipped, existing assets replaced by such rows (only when asked to update), rows rejected, and the first
 * errors (at most {@link #MAX_ERRORS}). A duplicate is counted once, as a duplicate, never as rejected.
 */
public record ImportReport(long imported, long duplicates, long updated, long rejected, List<RowError> errors) {
  public static final int MAX_ERRORS = 100;

  public ImportReport {
    errors = List.copyOf(errors);
  }
}
