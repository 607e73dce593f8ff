package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * How every CLASSIFICATION trainer (text, table rows, media vectors) reads a snapshot: an answer is its categories (a
 * checkbox job's may be several; the single-label view is the first), a label that names none does not answer the
 * job, and the first model needs {@code minLabels} answers in at least two classes.
 */
interface ClassificationAnswers extends SnapshotTrainer<Set<String>> {

  @Override
  default Set<String> read(JsonNode jobAnswer, String text) {
    Set<String> categories = InferenceMarks.categories(jobAnswer);
    return categories.isEmpty() ? null : categories;
  }

  @Override
  default String fingerprint(Set<String> categories) {
    return String.join("\u0001", new TreeSet<>(categories));
  }

  @Override
  default String notEnough(String projectId, Snapshot<Set<String>> snapshot, int minLabels) {
    int classes = classCount(snapshot);
    if (snapshot.labeledCount() >= minLabels && classes >= 2) return null;
    return snapshot.labeledCount() + " labeled assets in " + classes + " classes; the first model needs " + minLabels
        + " in at least 2";
  }

  /** Distinct categories over all answers. */
  static int classCount(Snapshot<Set<String>> snapshot) {
    return (int) snapshot.answers().stream().flatMap(Set::stream).distinct().count();
  }
}
