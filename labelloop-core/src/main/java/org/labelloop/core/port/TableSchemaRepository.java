package org.labelloop.core.port;

import java.time.Instant;
import java.util.Optional;
import org.labelloop.learn.tabular.TableSchema;

/** The typed columns of each TABULAR project, one schema per project. Calls join the caller's transaction. */
public interface TableSchemaRepository {
  Optional<TableSchema> find(String projectId);

  /** Stores (or replaces) the project's schema. */
  void save(String projectId, TableSchema schema, Instant now);
}
