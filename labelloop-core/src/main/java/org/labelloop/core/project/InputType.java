package org.labelloop.core.project;

/** What an asset's content is. */
public enum InputType {
  TEXT,
  IMAGE,
  AUDIO,
  TABULAR
}
