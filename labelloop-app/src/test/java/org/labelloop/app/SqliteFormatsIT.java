package org.labelloop.app;

/** Label Studio, Prodigy, Kili and Pascal VOC files in and out on the embedded default: a SQLite file. */
class SqliteFormatsIT extends FormatsContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
