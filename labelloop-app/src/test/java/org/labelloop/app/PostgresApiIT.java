package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** The API contract on a fresh database of the shared embedded PostgreSQL. */
class PostgresApiIT extends ApiContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
