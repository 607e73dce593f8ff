package org.labelloop.core.io;

import org.labelloop.core.asset.AssetDraft;

/** One row read from an import file: a draft, or the reason it could not be read. */
record ParsedRow(long line, AssetDraft draft, String error) {
  static ParsedRow ok(long line, AssetDraft draft) {
    return new ParsedRow(line, draft, null);
  }

  static ParsedRow failed(long line, String error) {
    return new ParsedRow(line, null, error);
  }
}
