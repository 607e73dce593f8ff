package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TriggerPolicyTest {
  private static final LearningSettings S = LearningSettings.DEFAULTS; // min 10, every 10

  private static TrainingJob job(TrainingJob.Status status, long at) {
    return new TrainingJob("1", "p", status, "labels", at, Instant.EPOCH, null, null, null, 0, null, null);
  }

  @Test
  void firstModelWaitsForMinLabels() {
    assertFalse(TriggerPolicy.shouldQueue(S, 9, null));
    assertTrue(TriggerPolicy.shouldQueue(S, 10, null));
  }

  @Test
  void retrainsEveryNLabelsAfterTheLastRequest() {
    assertFalse(TriggerPolicy.shouldQueue(S, 11, job(TrainingJob.Status.DONE, 10)));
    assertFalse(TriggerPolicy.shouldQueue(S, 19, job(TrainingJob.Status.RUNNING, 10)));
    assertTrue(TriggerPolicy.shouldQueue(S, 20, job(TrainingJob.Status.RUNNING, 10)));
  }

  @Test
  void aRunningFirstTrainingDoesNotQueueOnePerLabel() {
    for (long n = 11; n < 20; n++) {
      assertFalse(TriggerPolicy.shouldQueue(S, n, job(TrainingJob.Status.RUNNING, 10)));
    }
  }

  @Test
  void afterASkippedRunEachNewLabelMayTryAgain() {
    assertFalse(TriggerPolicy.shouldQueue(S, 10, job(TrainingJob.Status.SKIPPED, 10)));
    assertTrue(TriggerPolicy.shouldQueue(S, 11, job(TrainingJob.Status.SKIPPED, 10)));
  }

  @Test
  void disabledNeverQueues() {
    LearningSettings off = S.patch(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("enabled", false));
    assertFalse(TriggerPolicy.shouldQueue(off, 1000, null));
  }
}
