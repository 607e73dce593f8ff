package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** NER jobs in the learning loop on a fresh database of the shared embedded PostgreSQL. */
class PostgresNerLoopIT extends NerLoopContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
