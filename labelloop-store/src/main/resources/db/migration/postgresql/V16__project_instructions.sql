-- A project's instructions for its labelers (Kili's project "instructions"): plain text, shown on the labeling and
-- review screens.
ALTER TABLE projects ADD COLUMN instructions TEXT NOT NULL DEFAULT '';
