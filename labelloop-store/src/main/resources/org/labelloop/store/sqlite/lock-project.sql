-- The single writer already serialises a cold-start write with a model's publish; nothing to lock.
SELECT id FROM projects WHERE id = :projectId
