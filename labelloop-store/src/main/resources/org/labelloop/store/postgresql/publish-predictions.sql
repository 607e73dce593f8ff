-- One set-based statement for a whole model version's predictions: the rows travel as one JSON array
-- [{"a": assetId, "s": queueScore, "j": "jsonResponse text"}, ...] instead of one round trip (or batch entry) per row.
INSERT INTO labels (project_id, asset_id, label_type, json_response, model_version, created_at, skipped)
SELECT :projectId, u.a, 'PREDICTION', u.j, :modelVersion, :now, FALSE
FROM json_to_recordset(CAST(:payload AS json)) AS u(a BIGINT, s DOUBLE PRECISION, j TEXT)
