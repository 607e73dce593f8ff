package org.labelloop.core.learning;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.labelloop.core.Ports;
import org.labelloop.core.learning.EmbeddingRepository.AssetVector;
import org.labelloop.core.learning.EmbeddingRepository.PendingAsset;
import org.labelloop.learn.feature.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the sentence embedding of every text asset once, in the background, on one daemon thread: batches of
 * {@value #BATCH} in id order, each written in a short transaction of its own, so labeling (SQLite has one writer)
 * never waits for more than one small insert. The work list is the database itself (assets without a vector of this
 * model), so imports through any server are picked up within a poll and a restart resumes where it stopped. The
 * loop is a {@link WorkList}, which claims each batch first, so with several servers on one database each asset is
 * embedded once, by whichever server claims it. When a project's last vector is stored, {@link EmbeddedProjects} orders
 * its queue or retrains its classifier. The model is loaded on the first batch, so a server with nothing to embed never
 * pays for it.
 */
public final class EmbeddingWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingWorker.class);
  static final int BATCH = 64;
  private static final Duration RESCAN = Duration.ofMinutes(1);

  private final Ports ports;
  private final Clock clock;
  private final String model;
  private final Supplier<TextEmbedder> loader;
  private final EmbeddedProjects embedded;
  private final WorkList<PendingAsset> work;
  private volatile TextEmbedder embedder;

  /** {@code model} must be the name of the embedder {@code loader} returns (it tags the stored vectors). */
  public EmbeddingWorker(Ports ports, Clock clock, String model, Supplier<TextEmbedder> loader) {
    this.ports = ports;
    this.clock = clock;
    this.model = model;
    this.loader = loader;
    this.embedded = new EmbeddedProjects(ports, clock);
    this.work = new WorkList<>("embeddings", new WorkList.Claims(ports, clock, "text-embedding:" + model), RESCAN, BATCH,
        (after, n) -> ports.embeddings().withoutEmbedding(model, after, n), PendingAsset::assetId, this::embed);
  }

  public EmbeddingWorker start() {
    work.start();
    return this;
  }

  /** Embeds and stores one batch; false when nothing was left to embed. */
  public boolean runOnce() {
    return work.runOnce();
  }

  private void embed(List<PendingAsset> batch) {
    float[][] vectors = embedder().embed(batch.stream().map(PendingAsset::content).toList());
    List<AssetVector> rows = new ArrayList<>(batch.size());
    Set<String> projects = new LinkedHashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      rows.add(new AssetVector(batch.get(i).assetId(), vectors[i]));
      projects.add(batch.get(i).projectId());
    }
    ports.tx().inTransaction(() -> ports.embeddings().save(model, rows, clock.instant()));
    projects.forEach(embedded::stored);
  }

  private TextEmbedder embedder() {
    if (embedder == null) {
      embedder = loader.get();
      if (!embedder.name().equals(model)) {
        throw new IllegalStateException("embedder " + embedder.name() + " is not the configured " + model);
      }
    }
    return embedder;
  }

  /** Stops the thread after the batch in flight, then frees the model. */
  @Override
  public void close() {
    work.stop();
    if (embedder instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("closing the embedder: {}", e.toString());
      }
    }
  }
}
