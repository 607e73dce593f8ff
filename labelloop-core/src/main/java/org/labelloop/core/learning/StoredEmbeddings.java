package org.labelloop.core.learning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labelloop.learn.feature.CachedEmbedder;
import org.labelloop.learn.feature.EmbeddingCache;
import org.labelloop.learn.feature.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A project's stored embeddings as the learn module's {@link EmbeddingCache}: the trainer's feature cache asks for the
 * vectors of its texts and gets them from the database (read once, on first use, so a retrain that reuses its feature
 * cache reads nothing) instead of running the model. Offered only when every asset has a vector of one model; an asset
 * imported after that check gets a zero vector for this one training (its own vector is there by the next retrain).
 */
final class StoredEmbeddings implements EmbeddingCache {
  private static final Logger LOG = LoggerFactory.getLogger(StoredEmbeddings.class);
  /** Above this the dense block (8 bytes a value in the feature matrix) costs too much memory: sparse features only. */
  static final int MAX_ASSETS = 100_000;

  private final EmbeddingRepository repository;
  private final String projectId;
  private final String model;
  private final List<String> assetIds;
  private final List<String> texts;
  private final CachedEmbedder embedder;
  private Map<String, float[]> byAsset;
  private Map<String, float[]> byKey;
  private int dimension;

  private StoredEmbeddings(EmbeddingRepository repository, String projectId, String model, Snapshot<?> snapshot) {
    this.repository = repository;
    this.projectId = projectId;
    this.model = model;
    this.assetIds = snapshot.assetIds();
    this.texts = snapshot.texts();
    this.embedder = new CachedEmbedder(new StoredOnly(), this);
  }

  /** The project's stored embeddings for the snapshot's assets, when all are stored. */
  static Optional<StoredEmbeddings> of(EmbeddingRepository repository, String projectId, Snapshot<?> snapshot) {
    if (snapshot.texts().size() > MAX_ASSETS) return Optional.empty();
    return repository.completeModel(projectId).map(m -> new StoredEmbeddings(repository, projectId, m, snapshot));
  }

  String model() {
    return model;
  }

  /** Embeds texts from the stored vectors only; for the trainer's feature cache. */
  TextEmbedder embedder() {
    return embedder;
  }

  /** The vectors of the given snapshot rows. */
  synchronized float[][] rows(int[] rows) {
    load();
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) out[i] = vector(byAsset.get(assetIds.get(rows[i])));
    return out;
  }

  @Override
  public synchronized float[] get(String key) {
    load();
    return vector(byKey.get(key));
  }

  @Override
  public void put(String key, float[] vector) {
    throw new UnsupportedOperationException("stored embeddings are written by the embedding worker only");
  }

  private float[] vector(float[] stored) {
    return stored != null ? stored : new float[dimension];
  }

  private void load() {
    if (byAsset != null) return;
    byAsset = repository.vectors(projectId, model, false);
    byKey = new HashMap<>(byAsset.size() * 2);
    int missing = 0;
    for (int i = 0; i < assetIds.size(); i++) {
      float[] v = byAsset.get(assetIds.get(i));
      if (v == null) missing++;
      else byKey.put(embedder.key(texts.get(i)), v);
    }
    dimension = byAsset.values().stream().findFirst().map(v -> v.length).orElse(1);
    if (missing > 0) LOG.info("Project {}: {} asset(s) without a stored embedding train on a zero vector", projectId, missing);
  }

  /** The embedder behind the cache: never asked, since every text is in the cache. */
  private final class StoredOnly implements TextEmbedder {
    @Override
    public String name() {
      return model;
    }

    @Override
    public int dimension() {
      synchronized (StoredEmbeddings.this) {
        load();
        return dimension;
      }
    }

    @Override
    public float[][] embed(List<String> texts) {
      throw new IllegalStateException("stored embeddings cannot embed new texts");
    }
  }
}
