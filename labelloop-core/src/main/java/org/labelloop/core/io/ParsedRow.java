package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.labelloop.core.asset.AssetDraft;

/**
 * One row read from an import file: a draft (with, for files that carry them, the whole answer in Kili's
 * jsonResponse shape, e.g. NER spans), or the reason it could not be read.
 */
record ParsedRow(long line, AssetDraft draft, JsonNode answer, String error) {
  static ParsedRow ok(long line, AssetDraft draft) {
    return new ParsedRow(line, draft, null, null);
  }

  static ParsedRow answered(long line, AssetDraft draft, JsonNode answer) {
    return new ParsedRow(line, draft, answer, null);
  }

  static ParsedRow failed(long line, String error) {
    return new ParsedRow(line, null, null, error);
  }
}
