-- One set-based statement for a whole model version's predictions: the rows travel as one JSON array
-- [{"a": assetId, "s": queueScore, "j": "jsonResponse text"}, ...] read with json_each.
INSERT INTO labels (project_id, asset_id, label_type, json_response, model_version, created_at, skipped)
SELECT :projectId, json_extract(value, '$.a'), 'PREDICTION', json_extract(value, '$.j'), :modelVersion, :now, FALSE
FROM json_each(:payload)
