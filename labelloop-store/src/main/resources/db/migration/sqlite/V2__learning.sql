-- The learning loop (issue 4), SQLite dialect: per-project settings, the training job queue, model versions,
-- and inference marks on model labels.

CREATE TABLE learning_settings (
  project_id BIGINT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  settings   TEXT   NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Jobs are rows so they survive restarts and several servers share them (the single writer serialises claims).
CREATE TABLE training_jobs (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id        BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  status            TEXT    NOT NULL,
  reason            TEXT    NOT NULL DEFAULT '',
  labels_at_trigger BIGINT  NOT NULL DEFAULT 0,
  created_at        BIGINT  NOT NULL,
  started_at        BIGINT,
  finished_at       BIGINT,
  heartbeat_at      BIGINT,
  worker_id         TEXT,
  attempts          INTEGER NOT NULL DEFAULT 0,
  message           TEXT,
  model_version     INTEGER
);
-- At most one queued job per project (a newer trigger coalesces into it) and one running: training is per project serial.
CREATE UNIQUE INDEX training_jobs_one_queued ON training_jobs (project_id) WHERE status = 'QUEUED';
CREATE UNIQUE INDEX training_jobs_one_running ON training_jobs (project_id) WHERE status = 'RUNNING';
CREATE INDEX training_jobs_pending ON training_jobs (status, id) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX training_jobs_project ON training_jobs (project_id, id);

CREATE TABLE model_versions (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id       BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  version          INTEGER NOT NULL,
  model_version    TEXT    NOT NULL,
  job_id           BIGINT  UNIQUE,
  learned_job      TEXT    NOT NULL,
  created_at       BIGINT  NOT NULL,
  labels_used      INTEGER NOT NULL,
  max_label_id     BIGINT  NOT NULL DEFAULT 0,
  training_seconds REAL NOT NULL,
  cv_accuracy      REAL,
  cv_macro_f1      REAL,
  changed_share    REAL,
  predictions      INTEGER NOT NULL DEFAULT 0,
  snapshot_hash    TEXT    NOT NULL,
  card             TEXT    NOT NULL,
  model            BLOB,
  UNIQUE (project_id, version)
);

ALTER TABLE labels ADD COLUMN inference_mark REAL;
CREATE INDEX labels_project_model_version ON labels (project_id, model_version) WHERE model_version IS NOT NULL;
CREATE INDEX labels_inference_mark ON labels (project_id, inference_mark) WHERE inference_mark IS NOT NULL;
