-- Quality management (issue 7), SQLite dialect: per-project quality settings, per-asset marks, per-label honeypot
-- marks (a labeler's honeypot score over time) and the reviewers' send-back comments.

CREATE TABLE quality_settings (
  project_id INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  settings   TEXT    NOT NULL,
  updated_at BIGINT  NOT NULL
);

-- One row per asset that has a mark; the filters consensusMarkLt/honeypotMarkLt walk these indexes.
CREATE TABLE asset_quality (
  asset_id       INTEGER PRIMARY KEY REFERENCES assets (id) ON DELETE CASCADE,
  project_id     INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  labelers       INTEGER NOT NULL DEFAULT 0,
  consensus_mark REAL,
  honeypot_mark  REAL,
  updated_at     BIGINT  NOT NULL
);
CREATE INDEX asset_quality_consensus ON asset_quality (project_id, consensus_mark) WHERE consensus_mark IS NOT NULL;
CREATE INDEX asset_quality_honeypot ON asset_quality (project_id, honeypot_mark) WHERE honeypot_mark IS NOT NULL;

-- A labeler's answer to a honeypot scored against the trusted answer; created_at is the label's.
CREATE TABLE honeypot_marks (
  label_id   INTEGER PRIMARY KEY REFERENCES labels (id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  asset_id   INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  mark       REAL    NOT NULL,
  created_at BIGINT  NOT NULL
);
CREATE INDEX honeypot_marks_author ON honeypot_marks (project_id, author_id, created_at);
CREATE INDEX honeypot_marks_asset ON honeypot_marks (asset_id);

-- A reviewer sending an asset back to a labeler; open until that labeler answers again.
CREATE TABLE review_comments (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  asset_id    INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  author_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  to_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  comment     TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL,
  resolved_at BIGINT
);
CREATE INDEX review_comments_asset ON review_comments (asset_id, id);
CREATE INDEX review_comments_open ON review_comments (project_id, to_user_id, id) WHERE resolved_at IS NULL;

-- Honeypots are few: the queue's honeypot probe walks only them.
CREATE INDEX assets_honeypot ON assets (project_id, id) WHERE is_honeypot = TRUE;
