-- Several servers on one database (issue 18). Media files (images, audio) live in the database, so every server reads
-- what any of them imported: the bytes are large objects, streamed in and out, never whole in memory. A key names one
-- file exactly as the disk store's keys do (projectId/ab/cdef.../name, from the SHA-256 of the bytes).
CREATE TABLE media_files (
  key        TEXT   PRIMARY KEY,
  project_id TEXT   NOT NULL,
  object_id  OID    NOT NULL,
  size       BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX media_files_project ON media_files (project_id);

-- Large objects an import wrote but has not published: its staging area removes them when it ends; rows of a staging
-- area silent for an hour belong to a server that died, and the next store opened on this database removes them.
CREATE TABLE media_staged (
  object_id  OID    PRIMARY KEY,
  staging    TEXT   NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX media_staged_staging ON media_staged (staging);

-- Failed logins, shared by every server so that spreading guesses over servers does not multiply the free attempts.
-- email '' counts the failures of one address whatever the emails.
CREATE TABLE login_failures (
  email   TEXT    NOT NULL,
  address TEXT    NOT NULL,
  count   INTEGER NOT NULL,
  last_at BIGINT  NOT NULL,
  PRIMARY KEY (email, address)
);
CREATE INDEX login_failures_last ON login_failures (last_at);

-- Background work claimed by one server at a time (an asset's embedding pass, whichever server imported it): a claim
-- lapses at expires_at, so the work of a server that died is taken up by another.
CREATE TABLE work_claims (
  work       TEXT   NOT NULL,
  item_id    BIGINT NOT NULL,
  worker     TEXT   NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (work, item_id)
);
