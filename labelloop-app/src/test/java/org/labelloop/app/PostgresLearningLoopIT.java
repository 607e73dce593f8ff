package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** The learning loop on a fresh database of the shared embedded PostgreSQL. */
class PostgresLearningLoopIT extends LearningLoopContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }
}
