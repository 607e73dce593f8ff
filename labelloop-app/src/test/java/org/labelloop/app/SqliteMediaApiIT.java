package org.labelloop.app;

/** Zip imports and file downloads on the embedded default: a SQLite file in a temp data directory. */
class SqliteMediaApiIT extends MediaApiContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
