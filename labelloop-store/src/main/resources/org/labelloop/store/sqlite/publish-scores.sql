-- The queue scores of a model version in one statement, from the same JSON array as publish-predictions.sql.
UPDATE assets SET queue_score = u.s
FROM (SELECT json_extract(value, '$.a') AS a, json_extract(value, '$.s') AS s FROM json_each(:payload)) AS u
WHERE assets.id = u.a
