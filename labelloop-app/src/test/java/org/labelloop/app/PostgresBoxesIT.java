package org.labelloop.app;

import org.labelloop.store.testing.EmbeddedPostgresServer;

/** COCO and YOLO boxes in and out on a fresh database of the shared embedded PostgreSQL. */
class PostgresBoxesIT extends BoxesApiContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }

  @Override
  long storedFileCount(String project) throws Exception {
    return PostgresMediaApiIT.storedFiles(jdbcUrl, project);
  }
}
