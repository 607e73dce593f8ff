package org.labelloop.core.learning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.labelloop.core.Ports;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.Strategies;

/**
 * The queue order before a project's first model, on its stored embeddings: a diverse, representative head picked by
 * the registry's {@code cold-start} strategy (k-means medoids in farthest-first order), then the rest in a seeded
 * random order. The first labels then cover the data's different topics instead of the import order's first one,
 * which is what the first model needs most. Without embeddings the queue keeps the seeded random cold start.
 */
final class ColdStartOrder {
  private final Ports ports;

  ColdStartOrder(Ports ports) {
    this.ports = ports;
  }

  /** Writes the order for the project's assets to label if it learns and has no model yet; returns assets ordered. */
  int apply(String projectId, String model) {
    if (!ports.learning().versions(projectId).isEmpty() || !learns(projectId)) return 0;
    Map<String, float[]> byAsset = ports.embeddings().vectors(projectId, model, true);
    if (byAsset.isEmpty() || byAsset.size() > StoredEmbeddings.MAX_ASSETS) return 0;
    List<String> ids = new ArrayList<>(byAsset.keySet());
    double[] s = scores(byAsset.values().toArray(float[][]::new), Strategies.COLD_START_HEAD, projectId.hashCode());
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) scores.put(ids.get(i), s[i]);
    return ports.tx().inTransaction(() -> ports.learning().setColdStartScores(projectId, scores));
  }

  private boolean learns(String projectId) {
    LearningSettings s = LearningSettings.fromJson(ports.learning().settings(projectId).orElse(null));
    return s.enabled() && ports.projects().find(projectId).map(p -> s.learner(p).learns()).orElse(false);
  }

  /** Queue scores (higher first): the head's in (0.5, 1] by pick order, every other row's seeded in (0, 0.5]. */
  static double[] scores(float[][] vectors, int head, long seed) {
    return Strategies.named("cold-start").scores(Candidates.unscored(vectors.length, vectors), head,
        new SplittableRandom(seed));
  }
}
