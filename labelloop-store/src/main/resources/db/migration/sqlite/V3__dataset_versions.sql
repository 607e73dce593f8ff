-- Dataset versions: immutable snapshots of the chosen answer per labeled asset, diffed in external_id order.
CREATE TABLE dataset_versions (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL,
  created_at BIGINT  NOT NULL,
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  UNIQUE (project_id, name)
);

CREATE TABLE dataset_version_items (
  version_id    INTEGER NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
  external_id   TEXT    NOT NULL,
  asset_id      INTEGER NOT NULL,
  label_id      INTEGER,
  json_response TEXT    NOT NULL,
  PRIMARY KEY (version_id, external_id)
);
