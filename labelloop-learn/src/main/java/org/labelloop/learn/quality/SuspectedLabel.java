package org.labelloop.learn.quality;

/**
 * A label confident learning doubts: example {@code index} is labeled {@code given} but the model confidently says
 * {@code suggested}; {@code margin} = p(suggested) − p(given), the ranking key (larger is more suspicious).
 */
public record SuspectedLabel(int index, int given, int suggested, double margin) {
  public SuspectedLabel {
    if (index < 0 || given == suggested) {
      throw new IllegalArgumentException("a suspected label needs an index and a different suggested class");
    }
  }
}
