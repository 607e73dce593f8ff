package org.labelloop.core.learning;

/**
 * When a new human label should queue a training. Before any model: once the project has {@code minLabels} labels
 * (and again on each new label after a run that was skipped, e.g. for having a single class). After that: every
 * {@code retrainEvery} labels since the last request. A request while a job is queued coalesces into that job, so a
 * burst of labels during a long training yields one follow-up run, not one per threshold crossed.
 */
public final class TriggerPolicy {
  private TriggerPolicy() {}

  public static boolean shouldQueue(LearningSettings settings, long humanLabels, TrainingJob latest) {
    if (!settings.enabled() || humanLabels < settings.minLabels()) {
      return false;
    }
    if (latest == null) {
      return true;
    }
    if (latest.status() == TrainingJob.Status.SKIPPED) {
      return humanLabels > latest.labelsAtTrigger();
    }
    return humanLabels - latest.labelsAtTrigger() >= settings.retrainEvery();
  }
}
