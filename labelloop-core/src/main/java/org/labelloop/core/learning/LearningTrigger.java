package org.labelloop.core.learning;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongSupplier;
import org.labelloop.core.Ports;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Project;

/**
 * What a written label sets off, inside the label's transaction and cheap: the inference marks of the assets' model
 * labels against their human label, and, when the project's retrain threshold is reached, one queued training job
 * (never the training itself: a worker runs it outside request threads).
 */
public final class LearningTrigger {
  private final Ports ports;
  private final Clock clock;
  private final LearningService service;

  public LearningTrigger(Ports ports, Clock clock, LearningService service) {
    this.ports = ports;
    this.clock = clock;
    this.service = service;
  }

  /** {@code labelsOfAssets}: every label of the assets that {@code saved} answered (not skipped), by asset id. */
  public void afterLabels(Project project, List<Label> saved, Map<String, List<Label>> labelsOfAssets) {
    Set<String> assets = new LinkedHashSet<>();
    int human = 0;
    for (Label l : saved) {
      if (!l.skipped()) {
        assets.add(l.assetId());
        human += l.labelType().isHuman() ? 1 : 0;
      }
    }
    if (!assets.isEmpty()) {
      updateMarks(project, assets, labelsOfAssets);
    }
    if (human > 0) {
      maybeQueue(project, OptionalInt.of(human));
    }
  }

  /**
   * After an import: its labels may have reached the retrain threshold, and a model that can predict the new assets
   * at once (tagger, table) retrains so that they are pre-annotated without waiting for ten more labels. Call inside a
   * transaction.
   */
  public void afterImport(Project project) {
    maybeQueue(project, OptionalInt.empty());
    LearningSettings settings = service.settings(project.id());
    LearningRepository learning = ports.learning();
    if (settings.retrainedJob(project) != null && learning.nextVersion(project.id()) > 1
        && !waitsForVectors(project, settings.learner(project).task())) {
      learning.enqueue(project.id(), "import", learning.humanLabelCount(project.id()), clock.instant());
    }
  }

  /** Whether the training that follows the new assets' vectors will predict them: not for texts on a server that embeds none. */
  private boolean waitsForVectors(Project project, LearningTask task) {
    return task.readsBackgroundVectors() && (task != LearningTask.TEXT_CLASSIFICATION || ports.embeddings().anyVector(project.id()));
  }

  /** {@code stored}: the human labels just stored; empty when their number is unknown (then they are counted). */
  private void maybeQueue(Project project, OptionalInt stored) {
    LearningRepository learning = ports.learning();
    LearningSettings settings = service.settings(project.id());
    if (settings.retrainedJob(project) == null) {
      return;
    }
    HumanLabelTally tally = service.humanLabels();
    LongSupplier count = () -> learning.humanLabelCount(project.id());
    TrainingJob latest = learning.latestJob(project.id()).orElse(null);
    long estimate = stored.isPresent()
        ? tally.estimate(project.id(), stored.getAsInt(), count)
        : tally.exact(project.id(), count);
    if (!TriggerPolicy.shouldQueue(settings, estimate, latest)) {
      return;
    }
    long exact = stored.isPresent() ? tally.exact(project.id(), count) : estimate; // at the threshold: an exact count decides
    if (TriggerPolicy.shouldQueue(settings, exact, latest)) {
      learning.enqueue(project.id(), "labels", exact, clock.instant());
    }
  }

  /** Marks every model label of the assets against the asset's chosen human label (REVIEW wins, newest wins). */
  private void updateMarks(Project project, Set<String> assetIds, Map<String, List<Label>> labelsOfAssets) {
    Map<String, Double> marks = new HashMap<>();
    for (String assetId : assetIds) {
      List<Label> labels = labelsOfAssets.getOrDefault(assetId, List.of());
      Label reference = chosenHuman(labels);
      if (reference == null) continue;
      for (Label l : labels) {
        if (l.labelType().isModel()) {
          marks.put(l.id(), InferenceMarks.mark(project.jsonInterface(), reference.jsonResponse(), l.jsonResponse()));
        }
      }
    }
    if (!marks.isEmpty()) {
      ports.learning().setInferenceMarks(marks);
    }
  }

  static Label chosenHuman(List<Label> labels) {
    Label chosen = null;
    for (Label l : labels) {
      if (l.labelType().isHuman() && !l.skipped()
          && (chosen == null || l.labelType() == LabelType.REVIEW || chosen.labelType() != LabelType.REVIEW)) {
        chosen = l;
      }
    }
    return chosen;
  }
}
