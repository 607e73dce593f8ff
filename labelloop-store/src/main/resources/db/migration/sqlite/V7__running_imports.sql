-- Imports are written in short transactions, one batch each (issue 17), so an import never holds the single write slot
-- for long. Its assets carry its id; while the import runs (a row here) the queue does not serve them, and if it fails
-- or the process dies they are deleted again (on start, or once its heartbeat is stale), keeping imports all or nothing.
CREATE TABLE running_imports (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id   INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  started_at   BIGINT  NOT NULL,
  heartbeat_at BIGINT  NOT NULL
);
ALTER TABLE assets ADD COLUMN import_id INTEGER;
