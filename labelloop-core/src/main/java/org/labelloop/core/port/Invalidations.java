package org.labelloop.core.port;

/**
 * Tells every server instance on the same database that cached copies of something changed, so that a revoked key, a
 * removed member or new settings take effect on all of them at once rather than when their copies expire. Delivery is
 * best effort: a cache still bounds how long it keeps a copy, for the moments an instance cannot hear announcements.
 */
public interface Invalidations {
  /** Announces to the other instances that their copies in the cache named {@code cache} are stale. */
  void announce(String cache);

  /** Runs {@code forget} whenever another instance announces {@code cache}; call once per cache and instance. */
  void listen(String cache, Runnable forget);

  /** One server per database (SQLite): nobody else to tell. */
  Invalidations LOCAL = new Invalidations() {
    @Override
    public void announce(String cache) {}

    @Override
    public void listen(String cache, Runnable forget) {}
  };
}
