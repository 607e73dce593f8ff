package org.labelloop.app;

/** A team's own detector on the embedded default SQLite file. */
class SqliteUserDetectorIT extends UserDetectorContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
