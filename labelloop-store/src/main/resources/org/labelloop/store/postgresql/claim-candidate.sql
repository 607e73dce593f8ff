-- The next asset for the user: one the user still holds a live lock on and has not answered (a reload serves it
-- again), else the next claimable one. Two index-ordered probes (TODO, then ONGOING with an expired lock), each
-- stopping at its first row, and the better of the two wins: one probe with "status IN (...)" would have to sort
-- every TODO row of the project.
-- Assets of an import still running are not served (it may yet be rolled back).
-- SKIP LOCKED makes concurrent claimers pass over a row another transaction is claiming instead of waiting for it (or
-- taking it twice); the re-check after the lock sees its new status. NO KEY: a row whose re-check fails stays locked
-- until the claim commits, and FOR UPDATE would block its labeler's label insert (the foreign key's FOR KEY SHARE).
-- OFFSET 0 keeps the running-import check a test of the row the index walk is on. As an anti-join, its row estimate
-- comes from running_imports' statistics, and where autovacuum analysed that table while an import ran (or never did)
-- they say every asset is excluded: PostgreSQL then read and sorted every TODO row of the project for each claim
-- (ClaimPlanIT). The labels check stays a join: as a per-row subplan it made some claims run for seconds under load.
WITH own AS (
  SELECT a.id FROM assets a
  WHERE a.locked_by = :userId AND a.project_id = :projectId AND a.status = 'ONGOING' AND a.locked_until > :now
    AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.author_id = :userId
                    AND (l.label_type = 'DEFAULT' OR l.skipped = TRUE))
  ORDER BY a.id
  LIMIT 1
), todo AS (
  SELECT a.id, a.priority, a.queue_score FROM assets a
  WHERE a.project_id = :projectId AND a.status = 'TODO'
    AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.author_id = :userId
                    AND (l.label_type = 'DEFAULT' OR l.skipped = TRUE))
    AND NOT EXISTS (SELECT 1 FROM running_imports r WHERE r.id = a.import_id OFFSET 0)
  ORDER BY a.priority DESC, a.queue_score DESC, a.id
  LIMIT 1
  FOR NO KEY UPDATE SKIP LOCKED
), expired AS (
  SELECT a.id, a.priority, a.queue_score FROM assets a
  WHERE a.project_id = :projectId AND a.status = 'ONGOING'
    AND (a.locked_until IS NULL OR a.locked_until <= :now)
    AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.author_id = :userId
                    AND (l.label_type = 'DEFAULT' OR l.skipped = TRUE))
    AND NOT EXISTS (SELECT 1 FROM running_imports r WHERE r.id = a.import_id OFFSET 0)
  ORDER BY a.priority DESC, a.queue_score DESC, a.id
  LIMIT 1
  FOR NO KEY UPDATE SKIP LOCKED
)
SELECT id FROM (
  SELECT id, 0 AS pass, 0 AS priority, 0 AS queue_score FROM own
  UNION ALL SELECT id, 1, priority, queue_score FROM todo
  UNION ALL SELECT id, 1, priority, queue_score FROM expired) c
ORDER BY pass, priority DESC, queue_score DESC, id
LIMIT 1
