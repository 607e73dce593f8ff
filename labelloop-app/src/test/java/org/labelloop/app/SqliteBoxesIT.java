package org.labelloop.app;

/** COCO and YOLO boxes in and out on the embedded default: a SQLite file in a temp data directory. */
class SqliteBoxesIT extends BoxesApiContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
