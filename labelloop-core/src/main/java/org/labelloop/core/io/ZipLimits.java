package org.labelloop.core.io;

/** Caps on a zip import, counted on decompressed bytes: per file, in all, and the number of entries. */
public record ZipLimits(long maxEntryBytes, long maxTotalBytes, long maxEntries) {
  /** 1 GiB a file, 1 TiB in all, ten million entries. */
  public static final ZipLimits DEFAULT = new ZipLimits(1L << 30, 1L << 40, 10_000_000);

  public ZipLimits {
    if (maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("zip limits must be positive");
    }
  }
}
