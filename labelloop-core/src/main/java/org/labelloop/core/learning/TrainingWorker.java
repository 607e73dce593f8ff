package org.labelloop.core.learning;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.labelloop.core.Ports;
import org.labelloop.learn.feature.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued training jobs in the background, one at a time, on a daemon thread of its own: labeling requests only
 * ever queue a job row. Several workers (one per server) share the queue in the database. While a job runs its
 * heartbeat is refreshed; a RUNNING job whose heartbeat is older than {@code staleAfter} (its server crashed) is put
 * back in the queue by any worker. Idle workers also give model-less projects their seeded cold-start queue order.
 */
public final class TrainingWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingWorker.class);
  private static final Duration HEARTBEAT = Duration.ofSeconds(5);
  private static final Duration COLD_START_EVERY = Duration.ofSeconds(10);

  private final Ports ports;
  private final Clock clock;
  private final String workerId;
  private final Duration poll;
  private final Duration staleAfter;
  private final TrainingRun run;
  private final ScheduledExecutorService heartbeats;
  private volatile Thread thread;
  private volatile boolean stopping;
  private long lastMaintenance;

  public TrainingWorker(Ports ports, Clock clock, String workerId) {
    this(ports, clock, workerId, null);
  }

  /** @param wordEmbedder gives a sentence embedder for the NER tagger's word clusters (loaded on first use), or null */
  public TrainingWorker(Ports ports, Clock clock, String workerId, Supplier<TextEmbedder> wordEmbedder) {
    this(ports, clock, workerId, wordEmbedder, null);
  }

  /** @param boxes what OBJECT_DETECTION jobs learn with, or null: then they learn nothing */
  public TrainingWorker(Ports ports, Clock clock, String workerId, Supplier<TextEmbedder> wordEmbedder, BoxModels boxes) {
    this(ports, clock, workerId, Duration.ofMillis(250), Duration.ofSeconds(60), wordEmbedder, boxes);
  }

  public TrainingWorker(Ports ports, Clock clock, String workerId, Duration poll, Duration staleAfter,
      Supplier<TextEmbedder> wordEmbedder) {
    this(ports, clock, workerId, poll, staleAfter, wordEmbedder, null);
  }

  public TrainingWorker(Ports ports, Clock clock, String workerId, Duration poll, Duration staleAfter,
      Supplier<TextEmbedder> wordEmbedder, BoxModels boxes) {
    this.ports = ports;
    this.clock = clock;
    this.workerId = workerId;
    this.poll = poll;
    this.staleAfter = staleAfter;
    this.run = new TrainingRun(ports, clock, wordEmbedder, boxes);
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "labelloop-training-heartbeat");
      t.setDaemon(true);
      return t;
    });
  }

  public synchronized TrainingWorker start() {
    if (thread == null) {
      thread = Thread.ofPlatform().daemon().name("labelloop-training-" + workerId).start(this::loop);
    }
    return this;
  }

  private void loop() {
    while (!stopping) {
      try {
        if (!runOnce()) {
          maintain();
          Thread.sleep(poll);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Training worker {}: {}", workerId, e.toString());
        try {
          Thread.sleep(Math.max(1000, poll.toMillis()));
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Re-queues stale jobs and sets cold-start orders, at most every few seconds. */
  public void maintain() {
    long now = System.nanoTime();
    if (lastMaintenance != 0 && now - lastMaintenance < COLD_START_EVERY.toNanos()) return;
    lastMaintenance = now;
    requeueStale();
    for (String projectId : ports.learning().projectsWithoutModel()) {
      LearningSettings s = LearningSettings.fromJson(ports.learning().settings(projectId).orElse(null));
      boolean learns = ports.projects().find(projectId).map(p -> s.learner(p).learns()).orElse(false);
      if (s.enabled() && learns) { // projects that will not learn keep their import order
        ports.tx().inTransaction(() -> ports.learning().coldStart(projectId, projectId.hashCode()));
      }
    }
  }

  public int requeueStale() {
    int n = ports.tx().inTransaction(() -> ports.learning().requeueStale(clock.instant().minus(staleAfter), clock.instant()));
    if (n > 0) LOG.info("Re-queued {} training job(s) left running by a stopped server", n);
    return n;
  }

  /** Claims and runs one queued job; false when there was none. */
  public boolean runOnce() {
    Optional<TrainingJob> claimed = ports.tx().inTransaction(() -> ports.learning().claim(workerId, clock.instant()));
    if (claimed.isEmpty()) return false;
    TrainingJob job = claimed.get();
    ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> {
      try {
        ports.learning().heartbeat(job.id(), clock.instant());
      } catch (RuntimeException e) {
        LOG.debug("heartbeat failed: {}", e.toString());
      }
    }, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      run.run(job);
    } catch (RuntimeException | OutOfMemoryError e) {
      if (stopping) { // shut down mid-training: leave it RUNNING; its heartbeat stops and a worker re-queues it
        LOG.info("Training job {} interrupted by shutdown; it will be re-queued", job.id());
        return true;
      }
      LOG.warn("Training job {} of project {} failed", job.id(), job.projectId(), e);
      String message = e.getClass().getSimpleName() + ": " + e.getMessage();
      ports.learning().finish(job.id(), TrainingJob.Status.FAILED, message, null, clock.instant());
    } finally {
      beat.cancel(false);
    }
    return true;
  }

  /** A worker id unique across servers and restarts: pid, host and a random suffix. */
  public static String newId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "host";
    }
    return ProcessHandle.current().pid() + "@" + host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  public String workerId() {
    return workerId;
  }

  @Override
  public void close() {
    stopping = true;
    Threads.stop(thread);
    heartbeats.shutdownNow();
    run.close();
  }
}
