package org.labelloop.app;

/** Webhooks on the embedded default SQLite file. */
class SqliteWebhooksIT extends WebhooksContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
