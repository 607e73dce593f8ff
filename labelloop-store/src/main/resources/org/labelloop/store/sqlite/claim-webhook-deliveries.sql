-- Takes due webhook deliveries for one worker. SQLite needs no row locks: write transactions are serialised (BEGIN
-- IMMEDIATE and the JVM writer lock), so the pick and the update are atomic. A claim is a lease (locked_until), so
-- rows of a worker that died are taken again after it.
UPDATE webhook_deliveries
SET locked_by = :workerId, locked_until = :until, attempts = attempts + 1
WHERE id IN (
  SELECT d.id FROM webhook_deliveries d
  WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND (d.locked_until IS NULL OR d.locked_until < :now)
  ORDER BY d.next_attempt_at, d.id
  LIMIT :n)
RETURNING id, webhook_id, event_id, event, payload, attempts
