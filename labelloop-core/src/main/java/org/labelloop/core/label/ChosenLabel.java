package org.labelloop.core.label;

import java.util.List;
import java.util.Optional;

/** The label that counts for an asset in training, export and versions: the newest REVIEW, else the newest DEFAULT that is not a skip. */
public final class ChosenLabel {
  private ChosenLabel() {}

  /** @param labels an asset's labels in creation order */
  public static Optional<Label> of(List<Label> labels) {
    Label chosen = null;
    for (Label label : labels) {
      boolean review = label.labelType() == LabelType.REVIEW;
      boolean answer = label.labelType() == LabelType.DEFAULT && !label.skipped();
      if (review || (answer && (chosen == null || chosen.labelType() != LabelType.REVIEW))) {
        chosen = label;
      }
    }
    return Optional.ofNullable(chosen);
  }
}
