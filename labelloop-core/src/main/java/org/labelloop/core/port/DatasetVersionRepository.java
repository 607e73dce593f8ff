package org.labelloop.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.version.DatasetVersion;
import org.labelloop.core.version.VersionItem;

/** Stores dataset versions. A version's items never change once written. */
public interface DatasetVersionRepository {
  /** Creates an empty version; names are unique per project. */
  DatasetVersion create(String projectId, String name, String createdBy, String modelVersion, Instant now);

  void addItems(String versionId, List<VersionItem> items);

  Optional<DatasetVersion> find(String projectId, String versionId);

  Optional<DatasetVersion> findByName(String projectId, String name);

  /** The project's versions, oldest first. */
  List<DatasetVersion> list(String projectId);

  /** A version's items ordered by externalId, after {@code afterExternalId} (null for the first page). */
  List<VersionItem> items(String versionId, String afterExternalId, int limit);
}
