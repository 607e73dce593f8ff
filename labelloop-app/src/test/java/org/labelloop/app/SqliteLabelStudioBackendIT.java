package org.labelloop.app;

/** Labelloop as a Label Studio ML backend, on the embedded default SQLite file. */
class SqliteLabelStudioBackendIT extends LabelStudioBackendContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
