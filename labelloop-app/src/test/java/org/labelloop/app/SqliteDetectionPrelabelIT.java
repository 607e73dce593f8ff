package org.labelloop.app;

/** Detection pre-annotation on the embedded default SQLite file. */
class SqliteDetectionPrelabelIT extends DetectionPrelabelContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
