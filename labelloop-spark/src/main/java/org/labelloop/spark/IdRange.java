package org.labelloop.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Asset ids {@code [from, to)}: one Spark partition's share of the pool. */
public record IdRange(long from, long to) implements Serializable {
  public IdRange {
    if (to < from) throw new IllegalArgumentException("empty range " + from + ".." + to);
  }

  /** {@code parts} contiguous ranges of about equal width covering {@code [min, max]}; fewer when ids are fewer. */
  public static List<IdRange> split(long min, long max, int parts) {
    if (parts < 1) throw new IllegalArgumentException("parts must be positive");
    if (max < min) return List.of();
    long width = Math.max(1, Math.ceilDiv(max - min + 1, parts));
    List<IdRange> out = new ArrayList<>(parts);
    for (long from = min; from <= max; from += width) out.add(new IdRange(from, Math.min(from + width, max + 1)));
    return out;
  }
}
