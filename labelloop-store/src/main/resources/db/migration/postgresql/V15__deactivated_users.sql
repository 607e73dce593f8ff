-- An administrator deactivates the account of someone who left: no login, no API key, no session, while their labels
-- stay. Reactivating clears the mark (epoch milliseconds of the deactivation, null while active).
ALTER TABLE users ADD COLUMN deactivated_at BIGINT;
