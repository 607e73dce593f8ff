package org.labelloop.app;

/** NER jobs in the learning loop on the embedded default SQLite file. */
class SqliteNerLoopIT extends NerLoopContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
