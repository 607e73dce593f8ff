package org.labelloop.core.learning;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    boolean human = false;
    for (Label l : saved) {
      if (!l.skipped()) {
        assets.add(l.assetId());
        human |= l.labelType().isHuman();
      }
    }
    if (!assets.isEmpty()) {
      updateMarks(project, assets, labelsOfAssets);
    }
    if (human) {
      maybeQueue(project);
    }
  }

  /** After an import: its labels may have reached the retrain threshold. Call inside a transaction. */
  public void afterImport(Project project) {
    maybeQueue(project);
  }

  private void maybeQueue(Project project) {
    LearningRepository learning = ports.learning();
    LearningSettings settings = service.settings(project.id());
    if (settings.retrainedJob(project) == null) {
      return;
    }
    long count = learning.humanLabelCount(project.id());
    if (TriggerPolicy.shouldQueue(settings, count, learning.latestJob(project.id()).orElse(null))) {
      learning.enqueue(project.id(), "labels", count, clock.instant());
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
