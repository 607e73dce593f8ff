package org.labelloop.core.learning;

import java.util.Arrays;
import java.util.Locale;
import org.labelloop.core.error.LabelloopException;

/** How the queue orders unlabeled assets once a model exists: which asset is most informative to label next. */
public enum Strategy {
  RANDOM("random"),
  LEAST_CONFIDENCE("least-confidence"),
  MARGIN("margin"),
  ENTROPY("entropy"),
  DIVERSE("diverse");

  private final String wireName;

  Strategy(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Strategy parse(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Strategy s : values()) {
      if (s.wireName.equals(n)) {
        return s;
      }
    }
    throw LabelloopException.invalid(
        "strategy: '" + name + "' is not one of " + Arrays.stream(values()).map(Strategy::wireName).toList());
  }
}
