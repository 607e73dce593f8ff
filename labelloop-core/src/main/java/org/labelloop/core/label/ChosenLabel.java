package org.labelloop.core.label;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** The label that counts for an asset in training, export and versions: the newest REVIEW, else the newest DEFAULT that is not a skip. */
public final class ChosenLabel {
  private ChosenLabel() {}

  /** @param labels an asset's labels in creation order */
  public static Optional<Label> of(List<Label> labels) {
    return of(labels, Label::labelType, Label::skipped);
  }

  /** The same choice among labels of another shape (e.g. those of an import file), in creation order. */
  public static <T> Optional<T> of(List<T> labels, Function<T, LabelType> type, Predicate<T> skipped) {
    T chosen = null;
    boolean chosenIsReview = false;
    for (T label : labels) {
      boolean review = type.apply(label) == LabelType.REVIEW;
      boolean answer = type.apply(label) == LabelType.DEFAULT && !skipped.test(label);
      if (review || (answer && !chosenIsReview)) {
        chosen = label;
        chosenIsReview = review;
      }
    }
    return Optional.ofNullable(chosen);
  }
}
