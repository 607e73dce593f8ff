package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** Labelloop as a Label Studio ML backend, on PostgreSQL. */
class PostgresLabelStudioBackendIT extends LabelStudioBackendContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
