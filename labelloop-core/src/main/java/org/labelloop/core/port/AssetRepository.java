package org.labelloop.core.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.asset.StoredAsset;

/** Stores assets and serves the labeling queue. */
public interface AssetRepository {
  /**
   * Inserts a batch as TODO assets, in order, as one batched statement. Returns, per draft, whether it was inserted;
   * false means an asset with that externalId already exists in the project (it is left unchanged).
   */
  default boolean[] insert(String projectId, List<AssetDraft> drafts, Instant now) {
    return insert(projectId, null, drafts, now);
  }

  /** {@link #insert(String, List, Instant)}, the new assets carrying the id of the import that writes them (or null). */
  boolean[] insert(String projectId, String importId, List<AssetDraft> drafts, Instant now);

  /**
   * Replaces content, metadata, priority and honeypot flag of the project's assets with these externalIds (labels and
   * status stay); returns how many were found.
   */
  int replace(String projectId, List<AssetDraft> drafts);

  Optional<Asset> find(String projectId, String assetId);

  Optional<Asset> findByExternalId(String projectId, String externalId);

  /** The project's assets with these ids, in the order given; an id of no asset of the project is left out. */
  List<Asset> findAll(String projectId, List<String> assetIds);

  /**
   * The asset a label names, by {@code assetId} when given, else by {@code externalId}, in one read with whether it
   * belongs to an import still being written (it may yet be deleted with it) and whether it has labels.
   */
  Optional<LabelTarget> findToLabel(String projectId, String assetId, String externalId);

  /** An asset about to be labeled; {@code importing}: an import still running wrote it; {@code labeled}: it has labels. */
  record LabelTarget(Asset asset, boolean importing, boolean labeled) {}

  /** Assets matching the query in id order, starting after {@code query.cursor()}. */
  Page<Asset> list(AssetQuery query);

  /** Hands every asset of the project to {@code sink} in id order, read a page at a time. */
  default void forEachAsset(String projectId, Consumer<Asset> sink) {
    String cursor = null;
    do {
      Page<Asset> page = list(new AssetQuery(projectId, null, null, null, cursor, AssetQuery.MAX_LIMIT));
      page.items().forEach(sink);
      cursor = page.nextCursor();
    } while (cursor != null);
  }

  /**
   * Hands every asset matching the query after its cursor (its limit aside) to {@code sink} in id order, each with its
   * labels and its text and JSON columns as stored bytes, as they are read: an export's reads, in memory that does not
   * grow with the project.
   */
  void forEachStored(AssetQuery query, Consumer<StoredAsset> sink);

  /** Sets status and/or priority (null leaves it) of the given assets; returns how many were found. */
  int update(String projectId, Collection<String> externalIds, AssetStatus status, Integer priority);

  /** Sets the status; any status but ONGOING also drops the asset's lock. */
  void setStatus(String assetId, AssetStatus status);

  /**
   * Claims the next asset for a user and locks it until {@code lockUntil}: an asset this user already holds a live
   * lock on comes first, then TODO assets (and ONGOING ones whose lock expired) by priority, queue score, id. Assets
   * this user already labeled or skipped are never served again. Atomic: two callers never claim the same asset.
   */
  Optional<Asset> claimNext(String projectId, String userId, Instant now, Instant lockUntil);

  /** Drops a user's lock on an asset and puts it back to TODO if it was ONGOING. */
  void release(String assetId, String userId);
}
