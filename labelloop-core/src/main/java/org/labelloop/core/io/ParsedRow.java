package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.labelloop.core.asset.AssetDraft;

/**
 * One row read from an import file: a draft (with, for files that carry them, the whole answer in Kili's
 * jsonResponse shape, e.g. NER spans, and a model's prediction), or the reason it could not be read.
 */
record ParsedRow(long line, AssetDraft draft, JsonNode answer, Prediction prediction, String error) {
  /** A model's answer that came with the row, stored as a PREDICTION label of {@code modelVersion}. */
  record Prediction(JsonNode response, String modelVersion) {
    /** A prediction whose file names no model version gets this one. */
    static final String UNNAMED_MODEL = "imported";

    Prediction {
      modelVersion = modelVersion == null || modelVersion.isBlank() ? UNNAMED_MODEL : modelVersion;
    }
  }

  static ParsedRow ok(long line, AssetDraft draft) {
    return new ParsedRow(line, draft, null, null, null);
  }

  static ParsedRow answered(long line, AssetDraft draft, JsonNode answer) {
    return new ParsedRow(line, draft, answer, null, null);
  }

  static ParsedRow failed(long line, String error) {
    return new ParsedRow(line, null, null, null, error);
  }

  ParsedRow predicted(Prediction p) {
    return new ParsedRow(line, draft, answer, p, error);
  }
}
