-- Cold-start queue scores in one statement from a JSON array [{"a": assetId, "s": score}], for assets still to label
-- of a project that has no model yet.
UPDATE assets SET queue_score = u.s
FROM json_to_recordset(CAST(:payload AS json)) AS u(a BIGINT, s DOUBLE PRECISION)
WHERE assets.id = u.a AND assets.project_id = :projectId AND assets.status = 'TODO'
  AND NOT EXISTS (SELECT 1 FROM model_versions m WHERE m.project_id = :projectId)
