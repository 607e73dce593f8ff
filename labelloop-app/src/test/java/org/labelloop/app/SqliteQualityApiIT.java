package org.labelloop.app;

/** The quality API on the embedded default: a SQLite file in a temp data directory. */
class SqliteQualityApiIT extends QualityApiContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
