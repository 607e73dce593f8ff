package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns sentences into per-token feature ids. The text features of a sentence never change, so they can be cached
 * ({@code cache = true}, used by the simulator that re-scores the same pool at every step); gazetteer hits depend on
 * the labeled set and are added per call. Not thread-safe.
 */
final class SentenceFeaturizer implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final FeatureConfig config;
  private final WordClusters clusters;
  private final FeatureIndex index = new FeatureIndex();
  private final transient Map<NerSentence, int[][]> cache; // null after loading a saved model: no cache

  /** @param clusters word clusters for a configuration with {@link FeatureConfig#wordClusters()}; ignored otherwise */
  SentenceFeaturizer(FeatureConfig config, WordClusters clusters, boolean cache) {
    if (config.wordClusters() && clusters == null) throw new IllegalArgumentException("wordClusters features need the word clusters");
    this.config = config;
    this.clusters = config.wordClusters() ? clusters : null;
    this.cache = cache ? new IdentityHashMap<>() : null;
  }

  FeatureConfig config() { return config; }

  WordClusters clusters() { return clusters; }

  int numFeatures() { return index.size(); }

  void freeze() { index.freeze(); }

  boolean isFrozenForTraining() { return index.frozen(); }

  /** Registers the gazetteer feature names of {@code types} so they have ids after freezing. */
  void registerGazetteerFeatures(Iterable<String> types) {
    for (String t : types) {
      index.id("gB=" + t);
      index.id("gI=" + t);
      for (int k = 2; k <= 3; k++) index.id("gL=" + k + t);
    }
  }

  int[][] encode(NerSentence s, Gazetteer gazetteer, boolean leaveOwnSpansOut) {
    int[][] base = cache == null ? null : cache.get(s);
    if (base == null) {
      base = base(s);
      if (cache != null) cache.put(s, base);
    }
    if (gazetteer == null || !config.gazetteer() || gazetteer.isEmpty()) return base;
    List<List<Integer>> extra = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) extra.add(null);
    boolean[] any = {false};
    gazetteer.features(s, leaveOwnSpansOut, (token, feature) -> {
      int id = index.id(feature);
      if (id < 0) return;
      if (extra.get(token) == null) extra.set(token, new ArrayList<>(4));
      extra.get(token).add(id);
      any[0] = true;
    });
    if (!any[0]) return base;
    int[][] out = new int[base.length][];
    for (int i = 0; i < base.length; i++) {
      List<Integer> e = extra.get(i);
      if (e == null) { out[i] = base[i]; continue; }
      out[i] = java.util.Arrays.copyOf(base[i], base[i].length + e.size());
      for (int k = 0; k < e.size(); k++) out[i][base[i].length + k] = e.get(k);
    }
    return out;
  }

  private int[][] base(NerSentence s) {
    List<Token> tokens = s.tokens();
    String[] lower = TokenFeatures.lower(tokens);
    String[] shapes = new String[tokens.size()];
    for (int i = 0; i < shapes.length; i++) shapes[i] = TokenFeatures.shortShape(tokens.get(i).text());
    int[][] out = new int[tokens.size()][];
    int[] buf = new int[128];
    int[] n = {0};
    for (int i = 0; i < tokens.size(); i++) {
      n[0] = 0;
      int[][] holder = {buf};
      Consumer<String> sink = f -> {
        int id = index.id(f);
        if (id < 0) return;
        if (n[0] == holder[0].length) holder[0] = java.util.Arrays.copyOf(holder[0], n[0] * 2);
        holder[0][n[0]++] = id;
      };
      TokenFeatures.extract(tokens, lower, shapes, i, config, sink);
      if (clusters != null) clusters.features(lower, i, sink);
      buf = holder[0];
      out[i] = java.util.Arrays.copyOf(buf, n[0]);
    }
    return out;
  }
}
