-- The queue scores of a model version in one statement, from the same JSON array as publish-predictions.sql.
UPDATE assets SET queue_score = u.s
FROM json_to_recordset(CAST(:payload AS json)) AS u(a BIGINT, s DOUBLE PRECISION, j TEXT)
WHERE assets.id = u.a
