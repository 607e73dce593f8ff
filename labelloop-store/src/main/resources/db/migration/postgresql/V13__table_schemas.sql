-- Typed columns of a TABULAR project (issue 12): the inferred or overridden type and role of every column, as a JSON
-- array of {"name", "type", "role"} in the file's column order.
CREATE TABLE table_schemas (
  project_id BIGINT NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  columns    TEXT   NOT NULL,
  updated_at BIGINT NOT NULL
);
