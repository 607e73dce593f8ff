package org.labelloop.learn.feature;

import java.util.List;

/** Turns texts into dense vectors (e.g. a sentence-transformer). */
public interface TextEmbedder {
  /** A stable name identifying model and preprocessing; part of cache keys and model cards. */
  String name();

  int dimension();

  /** One L2-normalised vector per text, in order. */
  float[][] embed(List<String> texts);
}
