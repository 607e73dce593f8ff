package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** Detection pre-annotation on a fresh database of the shared embedded PostgreSQL. */
class PostgresDetectionPrelabelIT extends DetectionPrelabelContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
