-- Claims the oldest queued training job of a project with no running one. SQLite needs no row locks: write
-- transactions are serialised (BEGIN IMMEDIATE and the JVM writer lock), so the pick and the update are atomic.
UPDATE training_jobs
SET status = 'RUNNING', worker_id = :workerId, started_at = :now, heartbeat_at = :now, attempts = attempts + 1
WHERE id = (
  SELECT j.id FROM training_jobs j
  WHERE j.status = 'QUEUED'
    AND NOT EXISTS (SELECT 1 FROM training_jobs r WHERE r.project_id = j.project_id AND r.status = 'RUNNING')
  ORDER BY j.id
  LIMIT 1)
RETURNING id, project_id, status, reason, labels_at_trigger, created_at, started_at, finished_at, worker_id, attempts,
  message, model_version
