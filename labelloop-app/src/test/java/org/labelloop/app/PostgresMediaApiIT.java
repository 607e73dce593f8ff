package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** Zip imports and file downloads on a fresh database of the shared embedded PostgreSQL. */
class PostgresMediaApiIT extends MediaApiContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
