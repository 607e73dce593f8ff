package org.labelloop.core.label;

/** Who made a label: a labeler (DEFAULT), a reviewer (REVIEW), Labelloop's model (PREDICTION) or an outside model (INFERENCE). */
public enum LabelType {
  DEFAULT,
  REVIEW,
  PREDICTION,
  INFERENCE;

  public boolean isHuman() {
    return this == DEFAULT || this == REVIEW;
  }

  public boolean isModel() {
    return !isHuman();
  }
}
