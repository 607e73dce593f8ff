package org.labelloop.core.learning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored embeddings, one per asset, tagged with the embedder's model name: sentence embeddings of text assets (a
 * vector of another model counts as missing, so a model change recomputes them) and image or audio vectors of media
 * assets (an empty vector marks a file that cannot be decoded; a changed encoder drops the project's vectors). Calls
 * join the caller's transaction.
 */
public interface EmbeddingRepository {
  /** Assets of TEXT projects with id above {@code afterAssetId} (null: from the start) lacking a {@code model} vector, in id order. */
  List<PendingAsset> withoutEmbedding(String model, String afterAssetId, int limit);

  /** Assets of IMAGE and AUDIO projects with id above {@code afterAssetId} (null: from the start) without a vector, in id order; content is the file key. */
  List<PendingAsset> mediaWithoutEmbedding(String afterAssetId, int limit);

  /** Deletes the vectors of the project's assets; returns how many. */
  int drop(String projectId);

  /** Stores (or replaces) the vectors; assets deleted meanwhile are skipped. */
  void save(String model, List<AssetVector> vectors, Instant now);

  /** Whether some asset of the project has a stored vector (none on a server that computes none). */
  boolean anyVector(String projectId);

  /** The model of the project's vectors when every asset of the project has one, all of that model. */
  Optional<String> completeModel(String projectId);

  /** The project's {@code model} vectors by asset id; only of assets still to label when {@code todoOnly}. */
  Map<String, float[]> vectors(String projectId, String model, boolean todoOnly);

  /** The asset's stored vector and the model that made it; empty when it has none (yet). */
  Optional<ModelVector> vector(String assetId);

  /**
   * Claims {@code work} on these items (asset ids, in id order) for {@code worker} until {@code until}, and returns the
   * ids it got: those no other worker holds an unexpired claim on. Several servers on one database thus do each piece
   * of background work once; a claim of a worker that died lapses. A claim is kept until it lapses even when its work
   * is done, so a worker whose list of pending items was read just before the result was stored cannot claim the item
   * again. {@code work} names the kind of work and its version ({@code "text-embedding:" + model}): the
   * {@link WorkList} of every background pass over assets claims its batches here.
   */
  List<String> claim(String work, List<String> itemIds, String worker, Instant now, Instant until);

  record PendingAsset(String projectId, String assetId, String content) {}

  record AssetVector(String assetId, float[] vector) {}

  record ModelVector(String model, float[] vector) {}
}
