package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** An external model server, with PostgreSQL. */
class PostgresModelServerIT extends ModelServerContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
