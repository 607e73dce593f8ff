package org.labelloop.core.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.labelloop.core.port.Page;

/** Stores quality settings, marks, honeypot scores and review comments; serves honeypots and sent-back assets. */
public interface QualityRepository {
  Optional<JsonNode> settings(String projectId);

  void saveSettings(String projectId, JsonNode settings, Instant now);

  /** Inserts or replaces the asset's marks (null: no mark). */
  void saveAssetMarks(String projectId, String assetId, int labelers, Double consensusMark, Double honeypotMark, Instant now);

  /** Replaces every honeypot mark of the asset by {@code marks}. */
  void replaceHoneypotMarks(String projectId, String assetId, List<HoneypotMark> marks);

  /** Every honeypot mark of the project, oldest first. */
  List<HoneypotMark> honeypotMarks(String projectId);

  /**
   * Assets with their marks in id order after {@code cursor}; a non-null bound keeps only assets whose mark exists and
   * is below it. The inference mark is the newest marked model label's.
   */
  Page<AssetMarks> assetMarks(String projectId, Double consensusLt, Double honeypotLt, Double inferenceLt, String cursor, int limit);

  /** The first honeypot with a trusted (REVIEW) answer that the user has neither answered nor skipped. */
  Optional<String> nextHoneypot(String projectId, String userId);

  /** Marks assets (by external id) as honeypots or not; returns how many were found. */
  int setHoneypot(String projectId, Collection<String> externalIds, boolean honeypot);

  /** Locks the asset to the user until {@code until} and makes it ONGOING. */
  void lockTo(String assetId, String userId, Instant until);

  ReviewComment addComment(String projectId, String assetId, String authorId, String toUserId, String comment, Instant now);

  List<ReviewComment> comments(String assetId);

  /** The users of the project with an open send-back addressed to them. */
  Set<String> openSendBackUsers(String projectId);

  /** The oldest open send-back addressed to the user in the project, as an asset id. */
  Optional<String> openSendBack(String projectId, String userId);

  /** Closes the open send-backs of the asset addressed to the user. */
  void resolveSendBacks(String assetId, String userId, Instant now);

  /** A labeler's answer to a honeypot, scored against the trusted answer. */
  record HoneypotMark(String labelId, String assetId, String authorId, double mark, Instant createdAt) {}

  /** An asset with its three marks (null where there is none). */
  record AssetMarks(
      String assetId, String externalId, String status, boolean honeypot, int labelers, Double consensusMark,
      Double honeypotMark, Double inferenceMark) {}

  /** A reviewer's comment sending an asset back to a labeler; open while {@code resolvedAt} is null. */
  record ReviewComment(
      String id, String assetId, String authorId, String toUserId, String comment, Instant createdAt, Instant resolvedAt) {}
}
