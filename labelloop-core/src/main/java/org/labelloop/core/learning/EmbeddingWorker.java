package org.labelloop.core.learning;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.labelloop.core.Ports;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.learning.EmbeddingRepository.AssetVector;
import org.labelloop.core.learning.EmbeddingRepository.PendingAsset;
import org.labelloop.learn.feature.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the sentence embedding of every text asset once, in the background, on one daemon thread: batches of
 * {@value #BATCH} in id order, each written in a short transaction of its own, so labeling (SQLite has one writer)
 * never waits for more than one small insert. The work list is the database itself (assets without a vector of this
 * model), so imports through any server are picked up within a poll and a restart resumes where it stopped. Each batch
 * is claimed first ({@link EmbeddingRepository#claim}, for {@value #LEASE_MINUTES} minutes), so with several servers on
 * one database each asset is embedded once, by whichever server claims it. Polls
 * continue after the last asset seen; a periodic rescan from the start catches ids committed out of order. When a
 * project's last vector is stored and it has no model yet, its queue gets the diverse cold-start order; when it has one,
 * its classifier retrains with the vectors. The model is
 * loaded on the first batch, so a server with nothing to embed never pays for it.
 */
public final class EmbeddingWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingWorker.class);
  static final int BATCH = 64;
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration RESCAN = Duration.ofMinutes(1);
  private static final Duration BACKOFF = Duration.ofSeconds(5);
  /** Far longer than a batch takes even on a busy machine; a dead server's claims lapse after it. */
  static final int LEASE_MINUTES = 10;

  private final Ports ports;
  private final Clock clock;
  private final String model;
  private final Supplier<TextEmbedder> loader;
  private final ColdStartOrder coldStart;
  private final String work;
  private final String workerId = TrainingWorker.newId();
  private TextEmbedder embedder;
  private String after;
  private long lastRescan;
  private volatile Thread thread;
  private volatile boolean stopping;

  /** {@code model} must be the name of the embedder {@code loader} returns (it tags the stored vectors). */
  public EmbeddingWorker(Ports ports, Clock clock, String model, Supplier<TextEmbedder> loader) {
    this.ports = ports;
    this.clock = clock;
    this.model = model;
    this.loader = loader;
    this.coldStart = new ColdStartOrder(ports);
    this.work = "text-embedding:" + model;
  }

  public synchronized EmbeddingWorker start() {
    if (thread == null) {
      thread = Thread.ofPlatform().daemon().name("labelloop-embeddings").start(this::loop);
    }
    return this;
  }

  private void loop() {
    while (!stopping) {
      try {
        if (!runOnce()) Thread.sleep(POLL);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopping) return;
        LOG.warn("Embedding worker: {}", e.toString());
        try {
          Thread.sleep(BACKOFF);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Embeds and stores one batch; false when nothing was left to embed. */
  public boolean runOnce() {
    long now = System.nanoTime();
    if (now - lastRescan > RESCAN.toNanos()) {
      after = null;
      lastRescan = now;
    }
    List<PendingAsset> pending = ports.embeddings().withoutEmbedding(model, after, BATCH);
    if (pending.isEmpty()) return false;
    after = pending.getLast().assetId(); // a batch that fails is retried at the next rescan, not in a tight loop
    List<String> ids = pending.stream().map(PendingAsset::assetId).toList();
    java.time.Instant claimedAt = clock.instant();
    Set<String> claimed = new java.util.HashSet<>(ports.tx().inTransaction(() ->
        ports.embeddings().claim(work, ids, workerId, claimedAt, claimedAt.plus(Duration.ofMinutes(LEASE_MINUTES)))));
    List<PendingAsset> batch = pending.stream().filter(a -> claimed.contains(a.assetId())).toList();
    if (batch.isEmpty()) return true; // another server is embedding these
    float[][] vectors = embedder().embed(batch.stream().map(PendingAsset::content).toList());
    List<AssetVector> rows = new ArrayList<>(batch.size());
    Set<String> projects = new LinkedHashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      rows.add(new AssetVector(batch.get(i).assetId(), vectors[i]));
      projects.add(batch.get(i).projectId());
    }
    ports.tx().inTransaction(() -> ports.embeddings().save(model, rows, clock.instant()));
    for (String projectId : projects) {
      if (ports.embeddings().completeModel(projectId).filter(model::equals).isPresent()) {
        int ordered = coldStart.apply(projectId, model);
        boolean retrain = ordered == 0 && retrainWithEmbeddings(projectId);
        LOG.info("Project {}: every asset has its {} embedding{}{}", projectId, model,
            ordered > 0 ? "; " + ordered + " assets to label in diverse cold-start order" : "",
            retrain ? "; its classifier retrains with them" : "");
      }
    }
    return true;
  }

  /**
   * Queues a training for a project whose classifier was trained before all its embeddings were stored (e.g. right
   * after a labeled import), so its predictions need not wait for ten more labels to use them. A training running now
   * took its snapshot before the last vectors were stored, so it counts as such a classifier.
   */
  private boolean retrainWithEmbeddings(String projectId) {
    boolean running = ports.learning().latestJob(projectId).filter(j -> j.status() == TrainingJob.Status.RUNNING).isPresent();
    if (ports.learning().versions(projectId).isEmpty() && !running) return false;
    LearningSettings settings = LearningSettings.fromJson(ports.learning().settings(projectId).orElse(null));
    Job learned = ports.projects().find(projectId).map(p -> settings.retrainedJob(p)).orElse(null);
    if (learned == null || learned.mlTask() != MlTask.CLASSIFICATION) {
      return false;
    }
    ports.tx().inTransaction(() -> ports.learning().enqueue(projectId, "embeddings", ports.learning().humanLabelCount(projectId), clock.instant()));
    return true;
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

  @Override
  public void close() {
    stopping = true;
    Threads.stop(thread);
    if (embedder instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("closing the embedder: {}", e.toString());
      }
    }
  }
}
