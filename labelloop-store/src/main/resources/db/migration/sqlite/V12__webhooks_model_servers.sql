-- Webhooks and model servers (issue 14). A webhook event is written to the
-- outbox in the transaction that causes it (a label, an import, a model), one row per subscribed webhook, so a crash
-- never loses one; workers claim due rows, POST them, and record the outcome or the next attempt (exponential backoff).
CREATE TABLE webhooks (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  url           TEXT    NOT NULL,
  -- the subscribed event names between commas (',LABEL_CREATED,REVIEW_DONE,') so one LIKE finds the subscribers
  events        TEXT    NOT NULL,
  secret        TEXT    NOT NULL,
  allow_private BOOLEAN NOT NULL DEFAULT FALSE,
  created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at    BIGINT  NOT NULL
);
CREATE INDEX webhooks_project ON webhooks (project_id);

CREATE TABLE webhook_deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event_id        TEXT    NOT NULL,
  event           TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT  NOT NULL,
  locked_by       TEXT,
  locked_until    BIGINT,
  response_status INTEGER,
  last_error      TEXT,
  created_at      BIGINT  NOT NULL,
  delivered_at    BIGINT,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id);

-- A project's external model server (Label Studio ML-backend protocol). The row is also the work item: predictions
-- are due while predict_requested_at is newer than predicted_at; a server claims the row for a while (claimed_until)
-- to ask the model server, and a failure waits until next_attempt_at (exponential backoff).
CREATE TABLE ml_backends (
  project_id           INTEGER NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  url                  TEXT    NOT NULL,
  allow_private        BOOLEAN NOT NULL DEFAULT FALSE,
  status               TEXT    NOT NULL,
  model_version        TEXT,
  last_error           TEXT,
  checked_at           BIGINT,
  predicted            INTEGER NOT NULL DEFAULT 0,
  predict_requested_at BIGINT,
  predicted_at         BIGINT,
  failures             INTEGER NOT NULL DEFAULT 0,
  next_attempt_at      BIGINT  NOT NULL DEFAULT 0,
  claimed_by           TEXT,
  claimed_until        BIGINT,
  created_at           BIGINT  NOT NULL
);
