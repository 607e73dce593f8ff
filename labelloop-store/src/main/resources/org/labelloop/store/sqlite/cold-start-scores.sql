-- Cold-start queue scores in one statement from a JSON array [{"a": assetId, "s": score}], for assets still to label
-- of a project that has no model yet. The unary + keeps SQLite from driving the join from the assets_queue index
-- (one json_each scan per asset: 69 s for 10,000 assets instead of 0.05 s); the JSON rows drive, by primary key.
UPDATE assets SET queue_score = u.s
FROM (SELECT json_extract(value, '$.a') AS a, json_extract(value, '$.s') AS s FROM json_each(:payload)) AS u
WHERE assets.id = u.a AND +assets.project_id = :projectId AND +assets.status = 'TODO'
  AND NOT EXISTS (SELECT 1 FROM model_versions m WHERE m.project_id = :projectId)
