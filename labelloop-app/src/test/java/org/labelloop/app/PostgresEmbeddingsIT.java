package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** Stored embeddings on a fresh database of the shared embedded PostgreSQL. */
class PostgresEmbeddingsIT extends EmbeddingsContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
