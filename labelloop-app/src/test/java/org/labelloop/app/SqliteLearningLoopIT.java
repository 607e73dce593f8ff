package org.labelloop.app;

/** The learning loop on the embedded default SQLite file. */
class SqliteLearningLoopIT extends LearningLoopContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
