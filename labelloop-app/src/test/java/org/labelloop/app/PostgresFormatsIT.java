package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** Label Studio, Prodigy, Kili and Pascal VOC files in and out on a fresh database of the shared embedded PostgreSQL. */
class PostgresFormatsIT extends FormatsContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
