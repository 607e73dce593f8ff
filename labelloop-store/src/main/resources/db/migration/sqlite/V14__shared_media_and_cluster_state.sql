-- Cluster state (issue 18); media files stay on disk with SQLite (one server per database file).
-- Failed logins, so a restart does not hand a guesser fresh free attempts. email '' counts the failures of one address.
CREATE TABLE login_failures (
  email   TEXT    NOT NULL,
  address TEXT    NOT NULL,
  count   INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (email, address)
);
CREATE INDEX login_failures_last ON login_failures (last_at);

-- Background work claimed by one worker at a time (an asset's embedding pass); a claim lapses at expires_at.
CREATE TABLE work_claims (
  work       TEXT    NOT NULL,
  item_id    INTEGER NOT NULL,
  worker     TEXT    NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (work, item_id)
);
