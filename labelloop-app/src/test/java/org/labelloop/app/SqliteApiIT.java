package org.labelloop.app;

/** The API contract on the embedded default: a SQLite file in a temp data directory. */
class SqliteApiIT extends ApiContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
