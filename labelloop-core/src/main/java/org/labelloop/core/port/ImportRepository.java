package org.labelloop.core.port;

import java.time.Instant;
import java.util.List;

/**
 * Imports that are being written, batch by batch: while one is registered here the queue does not serve its assets,
 * and if it never finishes its assets can be found and deleted again.
 */
public interface ImportRepository {
  /** Registers a running import into the project; returns its id, which its assets carry. */
  String begin(String projectId, Instant now);

  /** Notes that the import is still making progress. */
  void heartbeat(String importId, Instant now);

  /** Deletes up to {@code limit} assets of the import (their labels go with them); returns how many. */
  int deleteAssets(String importId, int limit);

  /** Unregisters the import: its assets become ordinary assets. */
  void end(String importId);

  /** Running imports whose last heartbeat is before {@code cutoff}: a process that wrote them is gone. */
  List<String> abandoned(Instant cutoff);
}
