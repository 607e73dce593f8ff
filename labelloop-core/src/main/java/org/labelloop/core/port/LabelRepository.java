package org.labelloop.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelType;

/** Stores labels. Labels are never updated; a newer label of the same type supersedes an older one. */
public interface LabelRepository {
  /** Inserts the label for {@code assetId} (already resolved; the draft's asset fields are ignored). */
  Label insert(String projectId, String assetId, String authorId, LabelDraft draft, Instant now);

  /**
   * Inserts labels in order as one batched statement, each storing what {@link #insert} would for its asset, which the
   * draft names by {@code assetExternalId}. Returns, per draft, whether the project has that asset (else nothing is
   * inserted for it).
   */
  boolean[] insertAll(String projectId, String authorId, List<LabelDraft> drafts, Instant now);

  /** Labels of a project in id order; null filters do not filter. */
  Page<Label> list(String projectId, LabelType type, String assetId, String authorId, String cursor, int limit);

  /** All labels of the given assets, grouped by asset id, each list in creation order. */
  Map<String, List<Label>> forAssets(Collection<String> assetIds);

  /**
   * Passes {@code each} the answer of every human label (DEFAULT or REVIEW, not a skip) of the project whose stored JSON
   * contains one of {@code fragments}: a cheap superset of the labels the caller is looking for, streamed.
   */
  void humanAnswersContaining(String projectId, Collection<String> fragments, Consumer<JsonNode> each);
}
