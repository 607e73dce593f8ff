-- Labelloop schema, SQLite dialect. Timestamps are epoch milliseconds; ids are rowids exposed as strings.
-- AUTOINCREMENT so that an id is never reused after a delete (URLs and cursors stay unambiguous).

CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  email         TEXT    NOT NULL UNIQUE,
  name          TEXT    NOT NULL DEFAULT '',
  password_hash TEXT,
  is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
  created_at    BIGINT  NOT NULL
);

CREATE TABLE api_keys (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL DEFAULT '',
  prefix     TEXT    NOT NULL DEFAULT '',
  key_hash   TEXT    NOT NULL UNIQUE,
  created_at BIGINT  NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE sessions (
  token_hash TEXT    PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT    NOT NULL,
  expires_at BIGINT  NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE projects (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  title          TEXT    NOT NULL,
  description    TEXT    NOT NULL DEFAULT '',
  input_type     TEXT    NOT NULL,
  json_interface TEXT    NOT NULL,
  settings       TEXT    NOT NULL DEFAULT '{}',
  created_at     BIGINT  NOT NULL,
  updated_at     BIGINT  NOT NULL
);

CREATE TABLE members (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       TEXT    NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX members_user ON members (user_id);

CREATE TABLE assets (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id   INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  external_id  TEXT    NOT NULL,
  content      TEXT    NOT NULL,
  metadata     TEXT,
  status       TEXT    NOT NULL DEFAULT 'TODO',
  priority     INTEGER NOT NULL DEFAULT 0,
  is_honeypot  BOOLEAN NOT NULL DEFAULT FALSE,
  created_at   BIGINT  NOT NULL,
  locked_by    INTEGER,
  locked_until BIGINT,
  queue_score  REAL    NOT NULL DEFAULT 0,
  UNIQUE (project_id, external_id)
);
-- The queue walks this index in order and stops at the first claimable row.
CREATE INDEX assets_queue ON assets (project_id, status, priority DESC, queue_score DESC, id);
-- Listing and exporting a project in id order.
CREATE INDEX assets_project ON assets (project_id, id);
-- A user's own live lock is served first; few rows are ever locked.
CREATE INDEX assets_locked_by ON assets (locked_by) WHERE locked_by IS NOT NULL;

CREATE TABLE labels (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  asset_id         INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  author_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
  label_type       TEXT    NOT NULL,
  json_response    TEXT    NOT NULL,
  model_version    TEXT,
  created_at       BIGINT  NOT NULL,
  seconds_to_label REAL,
  skipped          BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX labels_project_type ON labels (project_id, label_type, id);
CREATE INDEX labels_project ON labels (project_id, id);
CREATE INDEX labels_asset ON labels (asset_id, id);
