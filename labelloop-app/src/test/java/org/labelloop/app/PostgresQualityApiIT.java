package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** The quality API on a fresh database of the shared embedded PostgreSQL. */
class PostgresQualityApiIT extends QualityApiContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
