/**
 * SQL storage: the repository ports of {@code labelloop-core} for SQLite (embedded default) and PostgreSQL (teams).
 *
 * <p><b>Entry point.</b> {@link org.labelloop.store.Database#open(String)} builds the pool, migrates the schema
 * (Flyway, {@code db/migration/sqlite} or {@code db/migration/postgresql}: dialect differences live only in those
 * files and in the dialect folders of query files beside these classes) and hands out every repository and the
 * {@link org.labelloop.core.port.Transactor}.
 *
 * <p><b>Transactions.</b> {@code inTransaction} binds one handle to the calling thread; every repository call on that
 * thread joins it, nested calls join the outer one, and an exception rolls everything back. Outside a transaction a
 * read uses a short handle of its own and a write runs in a transaction of its own. Do not wait inside a transaction
 * for another thread that writes: on SQLite it would wait for the write slot this thread holds (the lock times out
 * after 60 s with an exception rather than hanging).
 *
 * <p><b>SQLite.</b> WAL journal, foreign keys on, {@code synchronous=NORMAL}: a commit survives kill -9 of the process
 * (it is in the WAL, in the OS page cache) but the last commits can be lost on power failure or an OS crash; append
 * {@code ?synchronous=FULL} to the URL to make those durable too at some write speed. Write transactions are
 * serialised by a fair JVM lock and begin with {@code BEGIN IMMEDIATE}, so users never see SQLITE_BUSY; they all run
 * on one writer connection whose page cache lasts from one write to the next (see {@code Connections}), and readers
 * run beside the writer on a pool of their own. Long write transactions (a million-row import, deleting a big
 * project) hold the write slot for their whole length; reads go on meanwhile. WAL checkpoints run in a background thread, and prepared statements are
 * cached per connection (see {@code CachedStatements}).
 *
 * <p><b>PostgreSQL.</b> READ COMMITTED; the queue claims with {@code FOR NO KEY UPDATE SKIP LOCKED}, so several server
 * instances can share one database. Keep the driver's {@code reWriteBatchedInserts} off: the asset import relies on
 * per-row update counts to report duplicates.
 */
package org.labelloop.store;
