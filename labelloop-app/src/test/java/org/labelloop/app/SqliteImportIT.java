package org.labelloop.app;

/** Hostile imports on the embedded default: a SQLite file. */
class SqliteImportIT extends ImportContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
