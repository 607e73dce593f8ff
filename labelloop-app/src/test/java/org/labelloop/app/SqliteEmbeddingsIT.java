package org.labelloop.app;

/** Stored embeddings on the embedded default SQLite file. */
class SqliteEmbeddingsIT extends EmbeddingsContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
