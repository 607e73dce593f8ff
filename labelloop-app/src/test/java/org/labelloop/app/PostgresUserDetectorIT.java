package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** A team's own detector on a fresh database of the shared embedded PostgreSQL. */
class PostgresUserDetectorIT extends UserDetectorContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
