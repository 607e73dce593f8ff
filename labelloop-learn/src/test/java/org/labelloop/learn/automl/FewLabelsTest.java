package org.labelloop.learn.automl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.learner.LinearSvmLearner;

class FewLabelsTest {
  private static final List<Candidate> SPACE = List.of(new Candidate(FeatureSpec.sparseDefault(), new LinearSvmLearner(3)));

  @Test
  void belowTheThresholdATextSearchTrainsBalancedLogisticRegressionOnEmbeddings() {
    List<Candidate> few = FewLabels.textSpace(FewLabels.THRESHOLD - 1, SPACE, true);
    assertEquals(1, few.size());
    assertEquals("lr(C=10,balanced)", few.get(0).learner().name());
    assertTrue(few.get(0).spec().usesEmbeddings());
  }

  @Test
  void fromTheThresholdOrWithoutEmbeddingsTheSpaceIsUnchanged() {
    assertSame(SPACE, FewLabels.textSpace(FewLabels.THRESHOLD, SPACE, true));
    assertSame(SPACE, FewLabels.textSpace(10, SPACE, false));
  }
}
