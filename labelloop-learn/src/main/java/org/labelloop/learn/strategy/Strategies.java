package org.labelloop.learn.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one registry of query strategies, resolved by name by the server's queue and by {@code simulate} alike (the
 * shape of Caffeine's simulator {@code Registry}: policies registered by name, the same classes for production and
 * replay). Names are case-insensitive and {@code _} reads as {@code -}; the NER names of earlier releases are aliases.
 */
public final class Strategies {
  /**
   * Items the server's queue serves in cold-start order before a project's first model (five first models' worth of
   * labels at the default settings; beyond it one item is as good as another); {@code simulate} replays its first ones.
   */
  public static final int COLD_START_HEAD = 50;

  private static final Map<String, QueryStrategy> BY_NAME = new LinkedHashMap<>();
  private static final Map<String, String> ALIASES = Map.of(
      "lc", "least-confidence", "span-margin", "margin", "token-entropy", "entropy");

  static {
    register(new RandomStrategy());
    register(new UncertaintySampling(Measure.LEAST_CONFIDENCE));
    register(new UncertaintySampling(Measure.MARGIN));
    register(new UncertaintySampling(Measure.ENTROPY));
    register(new UncertaintySampling(Measure.MAX_ENTROPY));
    register(new DiverseBatch());
    register(new ColdStart());
  }

  private Strategies() {}

  private static void register(QueryStrategy strategy) { BY_NAME.put(strategy.name(), strategy); }

  /** The strategy called {@code name}; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
  public static QueryStrategy named(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    QueryStrategy s = BY_NAME.get(ALIASES.getOrDefault(key, key));
    if (s == null) throw new IllegalArgumentException("unknown strategy '" + name + "' (known: " + String.join(", ", names()) + ")");
    return s;
  }

  /** Every registered name, in registration order. */
  public static List<String> names() { return List.copyOf(BY_NAME.keySet()); }
}
