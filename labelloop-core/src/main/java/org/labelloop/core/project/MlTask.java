package org.labelloop.core.project;

/** The machine-learning task of one job of a project's interface (Kili's names). */
public enum MlTask {
  CLASSIFICATION,
  NAMED_ENTITIES_RECOGNITION,
  OBJECT_DETECTION
}
