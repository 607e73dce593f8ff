package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** Hostile imports on a fresh database of the shared embedded PostgreSQL. */
class PostgresImportIT extends ImportContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
