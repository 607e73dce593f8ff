-- Takes due webhook deliveries for one worker. FOR UPDATE SKIP LOCKED lets several servers claim at once without
-- taking the same row; a claim is a lease (locked_until), so rows of a worker that died are taken again after it.
UPDATE webhook_deliveries
SET locked_by = :workerId, locked_until = :until, attempts = attempts + 1
WHERE id IN (
  SELECT d.id FROM webhook_deliveries d
  WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND (d.locked_until IS NULL OR d.locked_until < :now)
  ORDER BY d.next_attempt_at, d.id
  LIMIT :n
  FOR UPDATE SKIP LOCKED)
RETURNING id, webhook_id, event_id, event, payload, attempts
