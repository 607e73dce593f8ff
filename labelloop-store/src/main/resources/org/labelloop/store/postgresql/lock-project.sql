-- Serialises a cold-start write with the first model's publish: inserting a model version takes FOR KEY SHARE on the
-- project row (its foreign key), which waits for this lock and is waited for by it. The next statement's fresh snapshot
-- then sees a version committed meanwhile.
SELECT id FROM projects WHERE id = :projectId FOR UPDATE
