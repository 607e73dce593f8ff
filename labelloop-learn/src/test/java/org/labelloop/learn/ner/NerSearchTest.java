package org.labelloop.learn.ner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NerSearchTest {
  @Test
  void picksAConfigurationByCrossValidationAndTrainsIt() {
    NerSearch.Result r = new NerSearch(2, 60, 0.5, 2).search(SyntheticData.corpus(80, 4), 1, 5.0);
    assertFalse(r.trials().isEmpty());
    assertTrue(r.trials().stream().anyMatch(t -> t.config().equals(r.best()) && t.folds() == 2));
    assertTrue(EntityScores.evaluate(r.model(), SyntheticData.corpus(40, 5)).overall().f1() > 0.9);
  }

  @Test
  void triesWordClusterFeaturesFirstOnlyWhenClustersAreGiven() {
    assertTrue(NerSearch.grid(1, true).get(0).features().wordClusters());
    assertTrue(NerSearch.grid(1, false).stream().noneMatch(c -> c.features().wordClusters()));
  }
}
