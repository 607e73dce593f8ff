-- Sentence embeddings of text assets (issue 4), computed once per asset in the background: float32 little-endian.
-- model names the embedder; a vector of another model counts as missing and is recomputed.
CREATE TABLE asset_embeddings (
  asset_id   BIGINT  PRIMARY KEY REFERENCES assets (id) ON DELETE CASCADE,
  model      TEXT    NOT NULL,
  dimension  INTEGER NOT NULL,
  vector     BYTEA   NOT NULL,
  created_at BIGINT  NOT NULL
);
