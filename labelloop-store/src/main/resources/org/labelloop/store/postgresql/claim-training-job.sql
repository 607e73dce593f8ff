-- Claims the oldest queued training job of a project with no running one. FOR UPDATE SKIP LOCKED lets several
-- servers claim at once without waiting on, or taking, the same row; the partial unique index on RUNNING jobs backs
-- the "one training per project" rule.
UPDATE training_jobs
SET status = 'RUNNING', worker_id = :workerId, started_at = :now, heartbeat_at = :now, attempts = attempts + 1
WHERE id = (
  SELECT j.id FROM training_jobs j
  WHERE j.status = 'QUEUED'
    AND NOT EXISTS (SELECT 1 FROM training_jobs r WHERE r.project_id = j.project_id AND r.status = 'RUNNING')
  ORDER BY j.id
  LIMIT 1
  FOR UPDATE SKIP LOCKED)
RETURNING id, project_id, status, reason, labels_at_trigger, created_at, started_at, finished_at, worker_id, attempts,
  message, model_version
