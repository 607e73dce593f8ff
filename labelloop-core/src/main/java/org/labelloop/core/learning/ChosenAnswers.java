package org.labelloop.core.learning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.core.learning.LearningRepository.HumanLabel;

/**
 * The human answer a snapshot trains on, per asset: a REVIEW label wins over DEFAULT ones, and the newest wins within
 * a type. {@code maxLabelId} is the newest human label seen (the snapshot's position in the label stream).
 */
record ChosenAnswers(Map<String, HumanLabel> byAsset, long maxLabelId) {

  /** @param humanLabels in id order */
  static ChosenAnswers of(List<HumanLabel> humanLabels) {
    Map<String, HumanLabel> chosen = new HashMap<>();
    long maxLabelId = 0;
    for (HumanLabel l : humanLabels) {
      HumanLabel current = chosen.get(l.assetId());
      if (current == null || l.review() || !current.review()) {
        chosen.put(l.assetId(), l);
      }
      maxLabelId = Math.max(maxLabelId, numeric(l.labelId()));
    }
    return new ChosenAnswers(chosen, maxLabelId);
  }

  private static long numeric(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
