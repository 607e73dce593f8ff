package org.labelloop.app;

/** An external model server, with the embedded default SQLite file. */
class SqliteModelServerIT extends ModelServerContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
